/* Placeholder until main is written. */
int main(void)
{
	return 0;
}
