/* pidinfo — one process's identity and map through one directory fd
 * (see proctop/pidinfo.h). */
#include "proctop/pidinfo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proctop/maps.h"
#include "proctop/procfs.h"
#include "proctop/fileread.h"
#include "proctop/reader.h"
#include "proctop/sbuf.h"
#include "proctop/xalloc.h"

void pidinfo_init(struct pidinfo *pi)
{
	memset(pi, 0, sizeof(*pi));
}

void pidinfo_fini(struct pidinfo *pi)
{
	free(pi->command);
	pi->command = NULL;
	pi->command_len = 0;
}

int pidinfo_open(int root_fd, pid_t pid)
{
	int fd = reader_open_pid(root_fd, pid);

	return fd == -ENOENT ? -ESRCH : fd;
}

/* The command for a heading: cmdline, or "[comm]" when it is empty (a
 * kernel thread, a zombie).  Sets *out (caller frees). */
static void read_command(int pid_fd, const char *comm, char **out,
	size_t *out_len, struct sbuf *raw)
{
	int len = reader_read_cmdline(pid_fd, raw);

	*out = NULL;
	*out_len = 0;
	if (len > 0) {
		*out = xstrndup(raw->data, (size_t)len);
		*out_len = (size_t)len;
		return;
	}
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addc(&b, '[');
	sbuf_adds(&b, comm);
	sbuf_addc(&b, ']');
	*out_len = b.len;
	*out = sbuf_detach(&b);
	sbuf_fini(&b);
}

int pidinfo_read(int pid_fd, unsigned what, struct pidinfo *pi)
{
	struct task_stat st;
	struct sbuf raw;
	int rc;

	sbuf_init(&raw);
	rc = reader_read_record(pid_fd, "stat", FILEREAD_CAP_RECORD, &raw);
	if (rc == 0)
		rc = procfs_parse_stat(raw.data, raw.len, &st);
	if (rc == -ENOENT)
		rc = -ESRCH;
	if (rc == 0 && pi->known && st.starttime != pi->start_ticks)
		rc = -ESRCH;
	if (rc < 0) {
		sbuf_fini(&raw);
		return rc;
	}
	pi->known = true;
	pi->start_ticks = st.starttime;
	pi->state = st.state;
	pi->is_kthread = (st.flags & PF_KTHREAD_FLAG) != 0;
	memcpy(pi->comm, st.comm, sizeof(pi->comm));
	pi->comm[sizeof(pi->comm) - 1] = '\0';
	if (what & PIDINFO_CMDLINE) {
		free(pi->command);
		read_command(pid_fd, pi->comm, &pi->command, &pi->command_len,
			&raw);
	}
	sbuf_fini(&raw);
	return 0;
}

int pidinfo_read_map_fd(int pid_fd, pid_t pid, unsigned what,
	struct pidinfo *pi, struct memmap *mm)
{
	struct mapread_info info;

	memmap_reset(mm);
	pi->err_file = "stat";
	int rc = pidinfo_read(pid_fd, what, pi);
	if (rc < 0)
		return rc;
	rc = mapread_read_fd(pid_fd, pid, mm, &info);
	pi->err_file = info.file;
	/* the state at the end of the read: an empty map is a zombie's or a
	 * kernel thread's only if stat said so after it */
	if (info.have_after && info.after.start_ticks == pi->start_ticks) {
		pi->state = info.after.state;
		pi->is_kthread = (info.after.flags & PF_KTHREAD_FLAG) != 0;
	}
	return rc;
}

int pidinfo_read_map(int root_fd, pid_t pid, unsigned what,
	struct pidinfo *pi, struct memmap *mm)
{
	int pid_fd = pidinfo_open(root_fd, pid);

	if (pid_fd < 0) {
		memmap_reset(mm);
		return pid_fd;
	}
	int rc = pidinfo_read_map_fd(pid_fd, pid, what, pi, mm);
	close(pid_fd);
	return rc;
}
