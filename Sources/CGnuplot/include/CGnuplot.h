// CGnuplot: a small C API over gnuplot-iostream, so Swift can drive gnuplot.
//
//   CGnuplotSession *s; char *error = NULL;
//   if (cgp_open("/usr/bin/gnuplot", NULL, &s, &error) == CGP_OK) { cgp_send(s, "print 1\n", &error); ... }
//
// Every function returns a CGPStatus. On failure it stores a malloc'ed, NUL-terminated
// message in `*error_message` (when that pointer is not NULL); free it with `cgp_free_string`.
// No C++ exception ever crosses this API.

#ifndef CGNUPLOT_H
#define CGNUPLOT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The result of every call.
typedef enum CGPStatus {
  /// The call succeeded.
  CGP_OK = 0,
  /// The gnuplot executable does not exist or is not executable (or the shell said 127).
  CGP_NOT_FOUND = 1,
  /// Starting the process failed (popen, temporary files).
  CGP_SPAWN_FAILED = 2,
  /// Writing to gnuplot failed (the process had already exited, for instance).
  CGP_WRITE_FAILED = 3,
  /// A bad argument: a NULL handle or text, zero columns with rows.
  CGP_INVALID_ARGUMENT = 4,
  /// Any other C++ exception, caught in the shim.
  CGP_INTERNAL_ERROR = 5
} CGPStatus;

/// An opaque gnuplot process: commands go to its standard input; its standard output and
/// standard error are captured in temporary files and handed back by `cgp_close`.
typedef struct CGnuplotSession CGnuplotSession;

/// Starts `executable` (a path; it is not looked up on PATH) reading commands from a pipe.
/// When `working_directory` is not NULL, gnuplot runs there (relative `set output` paths).
/// On success `*session` holds a handle that must be passed to `cgp_close` exactly once.
CGPStatus cgp_open(const char *executable, const char *working_directory,
                   CGnuplotSession **session, char **error_message);

/// Sends command text verbatim (include the trailing newline).
CGPStatus cgp_send(CGnuplotSession *session, const char *text, char **error_message);

/// Streams a table of numbers as inline data (for `plot '-'`): `rows` lines of `columns`
/// values, row-major in `values` (`rows * columns` doubles), ended by gnuplot's `e` line.
CGPStatus cgp_send_columns(CGnuplotSession *session, const double *values, size_t rows,
                           size_t columns, char **error_message);

/// Closes gnuplot's input, waits for it to exit, and frees the session.
/// `*exit_status` is the process's exit code (127: the shell could not run the executable;
/// 128 + n: killed by signal n). `*stdout_text` / `*stderr_text` (each may be NULL) receive
/// what gnuplot printed, to be freed with `cgp_free_string`. The handle is invalid afterwards,
/// whatever the result.
CGPStatus cgp_close(CGnuplotSession *session, int *exit_status, char **stdout_text,
                    char **stderr_text, char **error_message);

/// Frees a string returned by this API. NULL is allowed.
void cgp_free_string(char *string);

#ifdef __cplusplus
}
#endif

#endif  // CGNUPLOT_H
