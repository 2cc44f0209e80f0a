/* dialog_affinity — a: a checklist of the online CPUs with the current
 * mask ticked; the mask is applied to every thread of each target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions_ui.h"
#include "proctop/xalloc.h"

static void aff_push(struct ui *ui, int cpu)
{
	struct act_affinity *aff = &ui->act->aff;

	if (aff->n == aff->cap) {
		aff->cap = aff->cap ? aff->cap * 2 : 64;
		aff->cpu = xreallocarray(aff->cpu, aff->cap, sizeof(*aff->cpu));
	}
	aff->cpu[aff->n++] = cpu;
}

/* The online CPUs, from the snapshot's /proc/stat lines (a CPU without a
 * line is offline); 0..N-1 from sysconf when there is no snapshot yet. */
static void online_cpus(struct ui *ui)
{
	const struct sys_stats *sys = &ui->snap->sys;
	struct act_affinity *aff = &ui->act->aff;

	aff->n = 0;
	for (size_t i = 0; i < sys->ncpus && i < (1u << 20); i++)
		if (sys->cpus[i].online)
			aff_push(ui, (int)i);
	if (aff->n)
		return;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	for (long i = 0; i < n && i < (1L << 20); i++)
		aff_push(ui, (int)i);
}

static void affinity_done(struct ui *ui, const struct ui_dialog_result *r)
{
	const struct act_affinity *aff = &ui->act->aff;
	struct cpu_mask mask;

	if (!r->ok)
		return;
	int highest = 0;
	for (size_t i = 0; i < r->nitems && i < aff->n; i++)
		if (r->checked[i] && aff->cpu[i] > highest)
			highest = aff->cpu[i];
	cpu_mask_init(&mask, highest + 1);
	for (size_t i = 0; i < r->nitems && i < aff->n; i++)
		if (r->checked[i])
			cpu_mask_set(&mask, aff->cpu[i]);
	if (cpu_mask_count(&mask) == 0) {
		ui_warning(ui, "affinity: no CPU ticked; nothing changed");
	} else {
		struct action proto = { .kind = ACTION_AFFINITY, .cpus = &mask };
		act_run(ui, act_pending(ui), &proto);
	}
	cpu_mask_fini(&mask);
}

void act_key_affinity(struct ui *ui, int key)
{
	const struct act_affinity *aff = &ui->act->aff;
	struct act_set *set;
	struct cpu_mask cur = { 0 };
	char what[64], title[96];

	if (act_refuse_readonly(ui, "affinity") || !act_gather(ui, false))
		return;
	set = act_pending(ui);
	online_cpus(ui);
	if (!aff->n) {
		ui_warning(ui, "affinity: no online CPU found");
		return;
	}
	bool have_cur = cpu_mask_get_affinity(set->v[0].key.pid, &cur) == 0;
	char **labels = xcalloc(aff->n, sizeof(*labels));
	const char **items = xcalloc(aff->n, sizeof(*items));
	bool *checked = xcalloc(aff->n, sizeof(*checked));
	for (size_t i = 0; i < aff->n; i++) {
		char buf[32];
		snprintf(buf, sizeof(buf), "CPU %d", aff->cpu[i]);
		labels[i] = xstrdup(buf);
		items[i] = labels[i];
		checked[i] = !have_cur || cpu_mask_isset(&cur, aff->cpu[i]);
	}
	act_what(set, what, sizeof(what));
	snprintf(title, sizeof(title), "CPU affinity of %s", what);
	struct ui_dialog_req req = {
		.title = title,
		.text = "Space: tick   a: all   n: none   Enter: apply",
		.items = items, .nitems = aff->n, .checked = checked,
		.done = affinity_done,
	};
	ui_dialog_open(ui, DIALOG_CHECKLIST, &req);
	for (size_t i = 0; i < aff->n; i++)
		free(labels[i]);
	free(labels);
	free(items);
	free(checked);
	cpu_mask_fini(&cur);
}
