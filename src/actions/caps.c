/* Placeholder until caps is written (owner: actions). */
#include "proctop/caps.h"

int caps_drop(enum drop_caps mode)
{
	(void)mode;
	return 0;
}
