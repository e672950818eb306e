/*
 * The executable head of Sluice's AppImage (type 2: an ELF program with a squashfs image
 * appended). Run, it mounts the image read-only with FUSE on a fresh directory and runs
 * its AppRun; the mount lives exactly as long as the app and everything it started.
 *
 * Built by scripts/bundle from Debian's static squashfuse and libfuse3, so a user needs
 * only glibc and the fusermount3 helper (package fuse3), not libfuse itself.
 *
 *   --appimage-extract [DIR]  unpack the image into DIR (default squashfs-root), for
 *                             machines without FUSE (containers); then run DIR/AppRun
 *   --appimage-offset         print where the image starts
 *   --appimage-mount          mount, print the mount point, keep it until interrupted
 *   --appimage-help
 * TARGET_APPIMAGE=path makes it use another AppImage's image (AppImage spec).
 */
#define _GNU_SOURCE
#include <squashfuse/ll.h>
#include <squashfuse/traverse.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The spec's optional update-information and signature sections, left empty. */
__attribute__((section(".upd_info"), used)) static char upd_info[1024];
__attribute__((section(".sha256_sig"), used)) static char sha256_sig[1024];

static void die(const char *what, const char *detail) {
    fprintf(stderr, "sluice AppImage: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

/* The image starts where the ELF part ends: after the section header table, which the
 * linker puts last. Reads the 64-bit header only; this runtime is built for x86_64. */
static off_t elf_end(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("cannot open the AppImage", strerror(errno));
    Elf64_Ehdr h;
    ssize_t n = pread(fd, &h, sizeof h, 0);
    close(fd);
    if (n != (ssize_t)sizeof h || memcmp(h.e_ident, ELFMAG, SELFMAG) != 0 ||
        h.e_ident[EI_CLASS] != ELFCLASS64)
        die("not a 64-bit ELF file", path);
    if (h.e_ident[8] != 'A' || h.e_ident[9] != 'I' || h.e_ident[10] != 2)
        die("no AppImage type 2 magic at offset 8", path);
    return (off_t)(h.e_shoff + (uint64_t)h.e_shentsize * h.e_shnum);
}

static const char *self_path(void) {
    static char buf[PATH_MAX];
    const char *target = getenv("TARGET_APPIMAGE");
    if (target && *target) {
        if (!realpath(target, buf)) die("TARGET_APPIMAGE", strerror(errno));
        return buf;
    }
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n < 0) die("cannot find this program's path", strerror(errno));
    buf[n] = 0;
    return buf;
}

/* ---- mount ------------------------------------------------------------------------- */

static struct fuse_lowlevel_ops ops = {
    .getattr = sqfs_ll_op_getattr,
    .opendir = sqfs_ll_op_opendir,
    .releasedir = sqfs_ll_op_releasedir,
    .readdir = sqfs_ll_op_readdir,
    .lookup = sqfs_ll_op_lookup,
    .open = sqfs_ll_op_open,
    .create = sqfs_ll_op_create,
    .release = sqfs_ll_op_release,
    .read = sqfs_ll_op_read,
    .readlink = sqfs_ll_op_readlink,
    .listxattr = sqfs_ll_op_listxattr,
    .getxattr = sqfs_ll_op_getxattr,
    .forget = sqfs_ll_op_forget,
    .statfs = stfs_ll_op_statfs,
};

/* The FUSE server: runs in a child so the app keeps the pid it was started with. Writes
 * one byte to `ready` once the mount can be used (or closes it unwritten on failure). */
static void serve(const char *image, off_t offset, const char *dir, int ready, int keepalive) {
    /* A Ctrl-C in the terminal reaches the whole process group; the app may still be
     * reading its files while it shuts down, so the server waits for the keepalive. */
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    if (chdir("/") != 0) _exit(1);
    /* Whoever reads the app's output until end-of-file must not wait for the server. */
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
    }
    sqfs_ll *ll = sqfs_ll_open(image, (size_t)offset);
    if (!ll) _exit(1);
    char *argv[] = {"sluice-appimage", "-o", "ro,nodev,nosuid,subtype=sluice", NULL};
    struct fuse_args args = FUSE_ARGS_INIT(3, argv);
    sqfs_ll_chan ch;
    if (sqfs_ll_mount(&ch, dir, &args, &ops, sizeof ops, ll) != SQFS_OK) _exit(1);
    if (write(ready, "1", 1) != 1) _exit(1);
    close(ready);
    /* Serve until the kernel ends the connection (someone unmounted it) or the keepalive
     * pipe hangs up: every process of the app holds its write end (it survives exec), so
     * that happens when the last of them has exited. */
    struct fuse_session *se = ch.session;
    struct pollfd watch[2] = {{fuse_session_fd(se), POLLIN, 0}, {keepalive, POLLIN, 0}};
    struct fuse_buf buf = {0};
    while (!fuse_session_exited(se)) {
        if (poll(watch, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (watch[1].revents) break;
        if (!(watch[0].revents & POLLIN)) break;
        int n = fuse_session_receive_buf(se, &buf);
        if (n == -EINTR || n == -EAGAIN) continue;
        if (n <= 0) break;
        fuse_session_process_buf(se, &buf);
    }
    free(buf.mem);
    fuse_session_unmount(se);
    fuse_session_destroy(se);
    rmdir(dir);
    _exit(0);
}

/* Mounts the image on a new directory under $TMPDIR and returns its path. */
static char *mount_image(const char *image, off_t offset) {
    /* A damaged image (a truncated download) is told apart from a missing FUSE. */
    sqfs fs;
    if (sqfs_open_image(&fs, image, (size_t)offset) != SQFS_OK)
        die("the image is damaged (an incomplete download?); get the AppImage again", image);
    sqfs_destroy(&fs);
    const char *tmp = getenv("TMPDIR");
    static char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/.mount_SluiceXXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) die("cannot create a mount point", strerror(errno));
    int ready[2], keepalive[2];
    if (pipe2(ready, O_CLOEXEC) != 0 || pipe2(keepalive, O_CLOEXEC) != 0)
        die("pipe", strerror(errno));
    pid_t pid = fork();
    if (pid < 0) die("fork", strerror(errno));
    if (pid == 0) {
        close(ready[0]);
        close(keepalive[1]);
        serve(image, offset, dir, ready[1], keepalive[0]);
    }
    close(ready[1]);
    close(keepalive[0]);
    char c = 0;
    ssize_t n;
    do n = read(ready[0], &c, 1); while (n < 0 && errno == EINTR);
    close(ready[0]);
    if (n != 1) {
        rmdir(dir);
        die("cannot mount the image with FUSE (is the fuse3 package installed, and "
            "/dev/fuse usable?). Without FUSE, run it with --appimage-extract and start "
            "squashfs-root/AppRun",
            NULL);
    }
    /* The app and all it starts inherit the write end; the server unmounts after them. */
    int flags = fcntl(keepalive[1], F_GETFD);
    fcntl(keepalive[1], F_SETFD, flags & ~FD_CLOEXEC);
    return dir;
}

/* ---- extract ----------------------------------------------------------------------- */

static void extract_file(sqfs *fs, sqfs_inode *inode, const char *out, mode_t mode) {
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) die(out, strerror(errno));
    static char buf[1 << 16];
    uint64_t size = inode->xtra.reg.file_size;
    for (uint64_t at = 0; at < size;) {
        sqfs_off_t n = size - at < sizeof buf ? (sqfs_off_t)(size - at) : (sqfs_off_t)sizeof buf;
        if (sqfs_read_range(fs, inode, (sqfs_off_t)at, &n, buf) != SQFS_OK || n <= 0)
            die("the image is damaged; cannot read", out);
        if (write(fd, buf, (size_t)n) != n) die(out, strerror(errno));
        at += (uint64_t)n;
    }
    if (close(fd) != 0) die(out, strerror(errno));
}

static void extract(const char *image, off_t offset, const char *dest) {
    sqfs fs;
    if (sqfs_open_image(&fs, image, (size_t)offset) != SQFS_OK)
        die("the image is damaged (an incomplete download?); get the AppImage again", image);
    if (mkdir(dest, 0755) != 0 && errno != EEXIST) die(dest, strerror(errno));
    sqfs_traverse trv;
    if (sqfs_traverse_open(&trv, &fs, sqfs_inode_root(&fs)) != SQFS_OK)
        die("the image is damaged; no root directory", image);
    sqfs_err err = SQFS_OK;
    size_t files = 0;
    while (sqfs_traverse_next(&trv, &err)) {
        if (trv.dir_end) continue;
        char out[PATH_MAX];
        if (snprintf(out, sizeof out, "%s/%s", dest, trv.path) >= (int)sizeof out)
            die("path too long", trv.path);
        sqfs_inode inode;
        if (sqfs_inode_get(&fs, &inode, sqfs_dentry_inode(&trv.entry)) != SQFS_OK)
            die("the image is damaged at", trv.path);
        mode_t mode = inode.base.mode & 07777;
        if (S_ISDIR(inode.base.mode)) {
            if (mkdir(out, mode | 0700) != 0 && errno != EEXIST) die(out, strerror(errno));
        } else if (S_ISLNK(inode.base.mode)) {
            char target[PATH_MAX];
            size_t size = sizeof target;
            if (sqfs_readlink(&fs, &inode, target, &size) != SQFS_OK)
                die("the image is damaged at", trv.path);
            unlink(out);
            if (symlink(target, out) != 0) die(out, strerror(errno));
        } else if (S_ISREG(inode.base.mode)) {
            extract_file(&fs, &inode, out, mode);
        } /* devices, fifos and sockets are never part of an AppDir */
        files++;
    }
    if (err != SQFS_OK) die("the image is damaged", image);
    sqfs_traverse_close(&trv);
    sqfs_destroy(&fs);
    printf("extracted %zu entries into %s\n", files, dest);
}

/* ---- main -------------------------------------------------------------------------- */

static void run_app(const char *appdir, const char *image, char **argv) {
    char apprun[PATH_MAX], cwd[PATH_MAX];
    snprintf(apprun, sizeof apprun, "%s/AppRun", appdir);
    setenv("APPIMAGE", image, 1);
    setenv("APPDIR", appdir, 1);
    setenv("ARGV0", argv[0], 1);
    if (getcwd(cwd, sizeof cwd)) setenv("OWD", cwd, 1);
    argv[0] = apprun;
    execv(apprun, argv);
    die("cannot run AppRun", strerror(errno));
}

int main(int argc, char **argv) {
    const char *image = self_path();
    off_t offset = elf_end(image);
    const char *opt = argc > 1 ? argv[1] : "";
    if (strcmp(opt, "--appimage-offset") == 0) {
        printf("%lld\n", (long long)offset);
        return 0;
    }
    if (strcmp(opt, "--appimage-help") == 0) {
        puts("Sluice AppImage. Options: --appimage-extract [DIR], --appimage-offset, "
             "--appimage-mount, --appimage-help; any other arguments go to Sluice.");
        return 0;
    }
    if (strcmp(opt, "--appimage-extract") == 0) {
        extract(image, offset, argc > 2 ? argv[2] : "squashfs-root");
        return 0;
    }
    if (strncmp(opt, "--appimage-", 11) == 0) {
        if (strcmp(opt, "--appimage-mount") != 0) die("unknown option", opt);
        puts(mount_image(image, offset));
        fflush(stdout);
        pause(); /* until a signal; the server unmounts once this process is gone */
        return 0;
    }
    run_app(mount_image(image, offset), image, argv);
    return 1;
}
