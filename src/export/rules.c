/* rules — the grouping rules file and the option parsers of the exporter
 * (see proctop/export.h). */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_priv.h"
#include "proctop/collector.h"
#include "proctop/xalloc.h"

enum rule_field { FIELD_COMM, FIELD_EXE, FIELD_CMDLINE };

struct rule {
	char *name;                /* owned */
	enum rule_field field;
	regex_t re;
};

struct export_rules {
	struct rule *rules;
	size_t n, cap;
};

void export_rules_free(struct export_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->rules[i].name);
		regfree(&r->rules[i].re);
	}
	free(r->rules);
	free(r);
}

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static const char *word_end(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

/* Parse one non-comment line p..eol into r; 0 or -EINVAL with err. */
static int parse_rule(struct export_rules *r, const char *p, const char *eol,
	char *err, size_t errlen)
{
	const char *name = p, *name_end = word_end(p, eol);
	const char *f = skip_blank(name_end, eol), *f_end = word_end(f, eol);
	const char *re = skip_blank(f_end, eol), *re_end = eol;
	struct rule rule;
	char *pattern;
	int rc;

	while (re_end > re && (re_end[-1] == ' ' || re_end[-1] == '\t' ||
	       re_end[-1] == '\r'))
		re_end--;
	if (f == f_end || re == re_end) {
		snprintf(err, errlen, "expected NAME FIELD REGEX");
		return -EINVAL;
	}
	if ((size_t)(name_end - name) > EXPORT_NAME_MAX) {
		snprintf(err, errlen, "group name longer than %d bytes",
			EXPORT_NAME_MAX);
		return -EINVAL;
	}
	memset(&rule, 0, sizeof(rule));
#define IS(w) ((size_t)(f_end - f) == sizeof(w) - 1 && !memcmp(f, w, f_end - f))
	if (IS("comm")) {
		rule.field = FIELD_COMM;
	} else if (IS("exe")) {
		rule.field = FIELD_EXE;
	} else if (IS("cmdline")) {
		rule.field = FIELD_CMDLINE;
	} else {
		snprintf(err, errlen, "unknown field '%.*s' (comm, exe or "
			"cmdline)", (int)(f_end - f > 32 ? 32 : f_end - f), f);
		return -EINVAL;
	}
#undef IS
	pattern = xmalloc((size_t)(re_end - re) + 1);
	memcpy(pattern, re, (size_t)(re_end - re));
	pattern[re_end - re] = '\0';
	rc = regcomp(&rule.re, pattern, REG_EXTENDED | REG_NOSUB);
	free(pattern);
	if (rc) {
		char msg[128];

		regerror(rc, &rule.re, msg, sizeof(msg));
		snprintf(err, errlen, "bad regular expression: %s", msg);
		return -EINVAL;
	}
	rule.name = xmalloc((size_t)(name_end - name) + 1);
	memcpy(rule.name, name, (size_t)(name_end - name));
	rule.name[name_end - name] = '\0';
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->rules = xreallocarray(r->rules, r->cap, sizeof(*r->rules));
	}
	r->rules[r->n++] = rule;
	return 0;
}

int export_rules_parse(const char *buf, size_t len, struct export_rules **out,
	size_t *err_line, char *err, size_t errlen)
{
	struct export_rules *r = xcalloc(1, sizeof(*r));
	const char *p = buf, *end = buf + len;
	size_t line = 0;

	*out = NULL;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q;

		if (!eol)
			eol = end;
		line++;
		q = skip_blank(p, eol);
		if (q < eol && *q != '#' && *q != '\r') {
			if (memchr(q, '\0', (size_t)(eol - q))) {
				snprintf(err, errlen, "NUL byte");
				goto bad;
			}
			if (parse_rule(r, q, eol, err, errlen) < 0)
				goto bad;
		}
		p = eol + 1;
	}
	if (!r->n) {
		snprintf(err, errlen, "no rules");
		line = 0;
		goto bad;
	}
	*out = r;
	return 0;
bad:
	*err_line = line;
	export_rules_free(r);
	return -EINVAL;
}

unsigned export_rules_need(const struct export_rules *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->rules[i].field != FIELD_COMM)
			return NEED_CMDLINE;
	return 0;
}

bool export_rules_match(const struct export_rules *r, const struct task *t,
	const char **name)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct rule *rule = &r->rules[i];
		const char *s = NULL;

		switch (rule->field) {
		case FIELD_COMM:
			s = task_comm(t);
			break;
		case FIELD_EXE:
			s = t->exe;
			break;
		case FIELD_CMDLINE:
			s = t->cmdline;
			break;
		}
		if (s && regexec(&rule->re, s, 0, NULL, 0) == 0) {
			*name = rule->name;
			return true;
		}
	}
	return false;
}

/* ---- option values ----------------------------------------------------- */

int export_parse_group_by(const char *arg, enum export_group_by *out)
{
	static const char *const names[] = {
		[EXPORT_BY_COMM] = "comm", [EXPORT_BY_USER] = "user",
		[EXPORT_BY_CGROUP] = "cgroup", [EXPORT_BY_RULES] = "rules",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(arg, names[i])) {
			*out = (enum export_group_by)i;
			return 0;
		}
	}
	return -EINVAL;
}

int export_parse_top(const char *arg, size_t *n, enum export_res *res)
{
	static const char *const names[EXPORT_RES_COUNT] = {
		[EXPORT_RES_CPU] = "cpu", [EXPORT_RES_RES] = "res",
		[EXPORT_RES_SWAP] = "swap", [EXPORT_RES_PSS] = "pss",
		[EXPORT_RES_FDS] = "fds",
	};
	const char *colon = strchr(arg, ':');
	unsigned long v = 0;
	const char *p;

	if (!colon || colon == arg || colon - arg > 4)
		return -EINVAL;
	for (p = arg; p < colon; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v < 1 || v > EXPORT_TOP_MAX)
		return -EINVAL;
	for (size_t i = 0; i < EXPORT_RES_COUNT; i++) {
		if (!strcmp(colon + 1, names[i])) {
			*n = v;
			*res = (enum export_res)i;
			return 0;
		}
	}
	return -EINVAL;
}
