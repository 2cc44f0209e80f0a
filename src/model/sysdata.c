/* sysdata — freeing and copying system figures (see proctop/sysdata.h). */
#include "proctop/sysdata.h"

#include <stdlib.h>
#include <string.h>

#include "proctop/xalloc.h"

void sys_stats_fini(struct sys_stats *s)
{
	free(s->cpus);
	memset(s, 0, sizeof(*s));
}

void sys_stats_copy(struct sys_stats *dst, const struct sys_stats *src)
{
	*dst = *src;
	dst->cpus = NULL;
	if (src->cpus && src->ncpus) {
		dst->cpus = xreallocarray(NULL, src->ncpus, sizeof(*dst->cpus));
		memcpy(dst->cpus, src->cpus, src->ncpus * sizeof(*dst->cpus));
	} else {
		dst->ncpus = 0;
	}
}
