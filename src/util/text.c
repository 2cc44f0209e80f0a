/* Placeholder until this module is written. */
extern int proctop_placeholder_text;
