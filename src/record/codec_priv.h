/* codec_priv — the recording codec's layout and helpers, shared by
 * codec.c (flattening, varints, strings, the encoder) and decode.c (the
 * decoder).  Private to src/record. */
#ifndef PROCTOP_CODEC_PRIV_H
#define PROCTOP_CODEC_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proctop/record.h"
#include "proctop/snapshot.h"

/* Fields of a flattened task, in stream order.  Part of the format:
 * append only (older files have fewer fields, which read as 0). */
enum rec_field {
	RF_HAVE, RF_KTHREAD, RF_STATE, RF_PPID, RF_PGRP, RF_SESSION, RF_TTY,
	RF_FLAGS, RF_PRIO, RF_NICE, RF_NTHREADS, RF_PROCESSOR, RF_RTPRIO,
	RF_POLICY, RF_MINFLT, RF_MAJFLT, RF_UTIME, RF_STIME, RF_STARTTIME,
	RF_VSIZE, RF_RSS,
	RF_SM_RES, RF_SM_SHR, RF_SM_TEXT, RF_SM_DATA,
	RF_UID,
	RF_SWAP, RF_VCSW, RF_NVCSW, RF_EUID, RF_HASVM,
	RF_PSS, RF_SWAPPSS, RF_PCLEAN, RF_PDIRTY,
	RF_RBYTES, RF_WBYTES,
	RF_COMM, RF_CMDLINE, RF_EXE, RF_USER,
	/* version 2: status's other ids and capability masks */
	RF_RUID, RF_SUID, RF_FSUID, RF_RGID, RF_EGID, RF_SGID, RF_FSGID,
	RF_CAPINH, RF_CAPPRM, RF_CAPEFF, RF_CAPBND, RF_CAPAMB,
	RF_COUNT
};

/* The string fields, as indices into a task's string array. */
enum { RS_COMM, RS_CMDLINE, RS_EXE, RS_USER, RS_COUNT };

/* Streams of a payload: process keys, thread keys, masks, then one per
 * field. */
enum { ST_PKEY, ST_TKEY, ST_MASK, ST_FIELD0 };
#define NSTREAMS (ST_FIELD0 + RF_COUNT)

#define TASK_HAVE_RECORDED (TASK_HAVE_STAT | TASK_HAVE_STATM | \
	TASK_HAVE_STATUS | TASK_HAVE_ROLLUP | TASK_HAVE_IO | \
	TASK_HAVE_CMDLINE | TASK_HAVE_UID | TASK_HAVE_IDS)

#define REC_STR_MAX (1u << 20)      /* bytes of one string */
#define REC_CPUS_MAX 8192
#define REC_TASKS_MAX (16u << 20)

/* System figures flattened: fixed fields, then CPU_N per CPU. */
#define MEM_N 37
#define VM_N 11
#define CPU_N 11                      /* 10 tick counters + online */
enum {
	SY_MONO, SY_HZ, SY_PAGE_KIB, SY_HAS_THREADS, SY_NCPUS, SY_CTXT,
	SY_INTR, SY_FORKS, SY_BTIME, SY_RUNNING, SY_BLOCKED, SY_LOAD0,
	SY_LOAD1, SY_LOAD2, SY_UPTIME, SY_HAS_ZSWAP,
	SY_MEM, SY_VM = SY_MEM + MEM_N, SY_CPU = SY_VM + VM_N,
	SY_FIXED = SY_CPU + CPU_N       /* then CPU_N per CPU */
};

/* A bounds-checked reader; `bad` sticks once anything was out of bounds
 * or malformed, and every read then returns 0. */
struct rd {
	const unsigned char *p, *end;
	bool bad;
};

/* Varints and bytes from r (0 / NULL once r is bad). */
uint64_t codec_get_varint(struct rd *r);
/* A varint no larger than max (else r turns bad). */
uint64_t codec_get_count(struct rd *r, uint64_t max);
const unsigned char *codec_get_bytes(struct rd *r, size_t n);
uint64_t codec_unzigzag(uint64_t z);

/* flatten.c.  The system figures of s as fields; returns how many (into
 * *v, grown; the caller owns *v). */
size_t codec_sys_flatten(const struct snapshot *s, uint64_t **v,
	size_t *cap);
/* A snapshot's system figures from v[0, n); 0 or -EINVAL. */
int codec_sys_unflatten(const uint64_t *v, size_t n, struct snapshot *s);
/* A task to and from its flattened fields (strings as indices). */
void codec_task_flatten(const struct task *t, const uint32_t str[RS_COUNT],
	uint64_t v[RF_COUNT]);
void codec_task_unflatten(const uint64_t v[RF_COUNT], struct snapshot *s,
	struct task *t);
/* Threads' order in a payload: (tgid, tid). */
int codec_cmp_thread(const struct task *a, const struct task *b);

#endif
