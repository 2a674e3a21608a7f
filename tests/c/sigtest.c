/*
 * sigtest -- the library's signal(), Signal(), signal_intr() and
 * Signal_intr(): which interrupted system calls restart.
 * usage: sigtest alarm|usr1|intr|alarm_intr|flags|bad|bad_intr
 */
#include "unp.h"

static volatile sig_atomic_t caught;

static void handler(int signo)
{
	(void) signo;
	caught++;
}

static void other(int signo)
{
	(void) signo;
}

/* read() on an idle pipe while a signal arrives; prints what happened. */
static void blocked_read(int fd)
{
	char c = '?';
	ssize_t n = read(fd, &c, 1);

	if (n < 0)
		printf("read: -1 %s, caught %d\n", strerror(errno), (int) caught);
	else
		printf("read: %zd '%c', caught %d\n", n, c, (int) caught);
}

/* In a child: waits until `pid` sleeps (state S in /proc/PID/stat) -- the
 * parent's only sleep is the read() on the idle pipe -- so that the signal
 * sent next always arrives during that read, however late either process is
 * scheduled (a fixed delay could fire before the read on a loaded machine).
 * Bounded: 10000 polls of 1 ms; exits 2 if the parent never sleeps. */
static void wait_until_sleeping(pid_t pid)
{
	char path[64], buf[512], *p;
	int i, fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int) pid);
	for (i = 0; i < 10000; i++) {
		if ((fd = open(path, O_RDONLY)) >= 0) {
			n = read(fd, buf, sizeof buf - 1);
			close(fd);
			if (n > 0) {
				buf[n] = 0;
				p = strrchr(buf, ')');
				if (p != NULL && p[1] == ' ' && p[2] == 'S')
					return;
			}
		}
		usleep(1000);
	}
	_exit(2);
}

/* A child that sends SIGUSR1 once the parent blocks in read() and writes a
 * byte 500 ms later. */
static int usr1_then_data(void)
{
	int pfd[2];
	pid_t parent = getpid();

	Pipe(pfd);
	if (Fork() == 0) {
		Close(pfd[0]);
		wait_until_sleeping(parent);
		kill(parent, SIGUSR1);
		usleep(500000);
		Write(pfd[1], "x", 1);
		_exit(0);
	}
	Close(pfd[1]);
	return pfd[0];
}

/* SIGALRM while blocked in read() on a pipe that never gets data: sent by
 * a child once the parent sleeps in that read (see wait_until_sleeping). */
static void alarm_read(void)
{
	int pfd[2];
	pid_t parent = getpid();

	Pipe(pfd);
	if (Fork() == 0) {
		wait_until_sleeping(parent);
		kill(parent, SIGALRM);
		_exit(0);
	}
	blocked_read(pfd[0]);
	wait(NULL);
}

static void show_flags(const char *what, int signo)
{
	struct sigaction sa;
	int i, empty = 1;

	sigaction(signo, NULL, &sa);
	for (i = 1; i < NSIG; i++)
		if (sigismember(&sa.sa_mask, i) == 1)
			empty = 0;
	printf("%s: restart %d, resethand %d, nodefer %d, mask empty %d\n", what,
	       (sa.sa_flags & SA_RESTART) != 0, (sa.sa_flags & SA_RESETHAND) != 0,
	       (sa.sa_flags & SA_NODEFER) != 0, empty);
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	int fd;
	Sigfunc *old;

	if (strcmp(m, "alarm") == 0) { /* lowercase signal(): the library's */
		signal(SIGALRM, handler);
		alarm_read();
	} else if (strcmp(m, "alarm_intr") == 0) {
		Signal_intr(SIGALRM, handler);
		alarm_read();
	} else if (strcmp(m, "usr1") == 0) {
		signal(SIGUSR1, handler);
		fd = usr1_then_data();
		blocked_read(fd);
		wait(NULL);
	} else if (strcmp(m, "intr") == 0) {
		Signal_intr(SIGUSR1, handler);
		fd = usr1_then_data();
		blocked_read(fd);
		wait(NULL);
	} else if (strcmp(m, "flags") == 0) {
		signal(SIGALRM, handler);
		show_flags("signal SIGALRM", SIGALRM);
		Signal(SIGUSR1, handler);
		show_flags("Signal SIGUSR1", SIGUSR1);
		signal_intr(SIGUSR2, handler);
		show_flags("signal_intr SIGUSR2", SIGUSR2);
		Signal_intr(SIGALRM, handler);
		show_flags("Signal_intr SIGALRM", SIGALRM);

		old = Signal(SIGUSR1, other);
		printf("old is handler %d\n", old == handler);
		old = Signal(SIGUSR1, SIG_IGN);
		printf("old is other %d\n", old == other);
		old = signal_intr(SIGUSR1, SIG_DFL);
		printf("old is SIG_IGN %d\n", old == SIG_IGN);
		old = Signal_intr(SIGUSR1, handler);
		printf("old is SIG_DFL %d\n", old == SIG_DFL);
		errno = 0;
		old = signal(SIGKILL, handler);
		printf("signal(SIGKILL) is SIG_ERR %d, %s\n", old == SIG_ERR, strerror(errno));
		errno = 0;
		old = signal_intr(0, handler);
		printf("signal_intr(0) is SIG_ERR %d, %s\n", old == SIG_ERR, strerror(errno));
	} else if (strcmp(m, "bad") == 0) {
		Signal(SIGSTOP, handler);
		printf("not reached\n");
	} else if (strcmp(m, "bad_intr") == 0) {
		Signal_intr(SIGKILL, handler);
		printf("not reached\n");
	} else
		err_quit("usage: sigtest alarm|usr1|intr|alarm_intr|flags|bad|bad_intr");
	exit(0);
}
