// CGnuplot: the C API of include/CGnuplot.h, over gnuplot-iostream's `Gnuplot` stream.
//
// How a session works:
// - `cgp_open` checks that the executable exists, makes two temporary files, and starts
//   `{ cd DIR && exec GNUPLOT; } >OUT 2>ERR` with popen. gnuplot-iostream's `Gnuplot` writes
//   to a duplicate of the pipe's descriptor (its destructor cannot report pclose's status, so
//   we keep the popen'ed FILE ourselves and pclose it in `cgp_close`).
// - Writes happen with SIGPIPE blocked on the calling thread, so a gnuplot that has already
//   exited makes a write fail with EPIPE instead of killing the whole program.
// - Every entry point catches every exception: nothing C++ reaches Swift.

#include "CGnuplot.h"

#include <gnuplot-iostream.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <pthread.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

struct CGnuplotSession {
  std::FILE *pipe = nullptr;        // from popen; closed with pclose
  Gnuplot *stream = nullptr;        // gnuplot-iostream, over a dup of the pipe's descriptor
  std::string stdoutPath;           // where gnuplot's standard output goes
  std::string stderrPath;           // where gnuplot's standard error goes
  std::string executable;
};

// MARK: - Small helpers

namespace {

/// Stores a copy of `message` for the caller (who frees it with cgp_free_string).
void setMessage(char **out, const std::string &message) {
  if (out == nullptr) return;
  *out = static_cast<char *>(std::malloc(message.size() + 1));
  if (*out != nullptr) std::memcpy(*out, message.c_str(), message.size() + 1);
}

/// Quotes a string for /bin/sh: 'it'\''s'.
std::string shellQuoted(const std::string &text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  return quoted + "'";
}

/// Makes an empty temporary file and returns its path ("" on failure).
std::string makeTemporaryFile(const char *stem) {
  const char *dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && dir[0] ? dir : "/tmp") + "/" + stem + "-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  int fd = mkstemp(buffer.data());
  if (fd < 0) return "";
  close(fd);
  return std::string(buffer.data());
}

/// Reads a whole file, then deletes it.
std::string takeFile(const std::string &path) {
  if (path.empty()) return "";
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  std::remove(path.c_str());
  return contents.str();
}

/// Blocks SIGPIPE on this thread for its lifetime; a SIGPIPE raised meanwhile is consumed.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&pipeOnly_);
    sigaddset(&pipeOnly_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    wasPending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipeOnly_, &previous_);
  }
  ~SigpipeGuard() {
    if (!wasPending_) {
      sigset_t pending;
      sigpending(&pending);
      if (sigismember(&pending, SIGPIPE) == 1) {
#ifdef __linux__
        struct timespec zero = {0, 0};
        sigtimedwait(&pipeOnly_, nullptr, &zero);
#else
        int signal = 0;
        sigwait(&pipeOnly_, &signal);
#endif
      }
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }

 private:
  sigset_t pipeOnly_;
  sigset_t previous_;
  bool wasPending_ = false;
};

/// Whether `path` names an executable regular file.
bool isExecutableFile(const std::string &path) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) return false;
  return S_ISREG(info.st_mode) && access(path.c_str(), X_OK) == 0;
}

}  // namespace

// MARK: - The API

extern "C" CGPStatus cgp_open(const char *executable, const char *working_directory,
                              CGnuplotSession **session, char **error_message) {
  if (executable == nullptr || session == nullptr) {
    setMessage(error_message, "cgp_open: executable and session must not be NULL");
    return CGP_INVALID_ARGUMENT;
  }
  *session = nullptr;
  try {
    std::string exe(executable);
    if (!isExecutableFile(exe)) {
      setMessage(error_message, "no executable gnuplot at '" + exe + "'");
      return CGP_NOT_FOUND;
    }
    std::unique_ptr<CGnuplotSession> s(new CGnuplotSession());
    s->executable = exe;
    s->stdoutPath = makeTemporaryFile("cgnuplot-out");
    s->stderrPath = makeTemporaryFile("cgnuplot-err");
    if (s->stdoutPath.empty() || s->stderrPath.empty()) {
      std::remove(s->stdoutPath.c_str());
      std::remove(s->stderrPath.c_str());
      setMessage(error_message, std::string("cannot create a temporary file: ") + std::strerror(errno));
      return CGP_SPAWN_FAILED;
    }
    std::string run = "exec " + shellQuoted(exe);
    if (working_directory != nullptr) {
      run = "cd " + shellQuoted(working_directory) + " && " + run;
    }
    std::string command = "{ " + run + "; } >" + shellQuoted(s->stdoutPath) + " 2>" +
                          shellQuoted(s->stderrPath);
#ifdef __GLIBC__
    const char *mode = "we";  // the pipe is close-on-exec in the parent: no other child inherits it
#else
    const char *mode = "w";
#endif
    s->pipe = popen(command.c_str(), mode);
    if (s->pipe == nullptr) {
      std::remove(s->stdoutPath.c_str());
      std::remove(s->stderrPath.c_str());
      setMessage(error_message, "cannot start '" + exe + "': " + std::strerror(errno));
      return CGP_SPAWN_FAILED;
    }
    int copy = fcntl(fileno(s->pipe), F_DUPFD_CLOEXEC, 0);
    std::FILE *copyHandle = copy >= 0 ? fdopen(copy, "w") : nullptr;
    if (copyHandle == nullptr) {
      if (copy >= 0) close(copy);
      pclose(s->pipe);
      std::remove(s->stdoutPath.c_str());
      std::remove(s->stderrPath.c_str());
      setMessage(error_message, std::string("cannot duplicate gnuplot's pipe: ") + std::strerror(errno));
      return CGP_SPAWN_FAILED;
    }
    s->stream = new Gnuplot(copyHandle);  // fclose'd by its destructor
    *session = s.release();
    return CGP_OK;
  } catch (const std::exception &e) {
    setMessage(error_message, std::string("cgp_open: ") + e.what());
    return CGP_INTERNAL_ERROR;
  } catch (...) {
    setMessage(error_message, "cgp_open: unknown C++ exception");
    return CGP_INTERNAL_ERROR;
  }
}

extern "C" CGPStatus cgp_send(CGnuplotSession *session, const char *text, char **error_message) {
  if (session == nullptr || text == nullptr || session->stream == nullptr) {
    setMessage(error_message, "cgp_send: session and text must not be NULL");
    return CGP_INVALID_ARGUMENT;
  }
  try {
    SigpipeGuard guard;
    *session->stream << text;
    session->stream->flush();
    if (!*session->stream) {
      setMessage(error_message, "cannot write to gnuplot (it may have exited)");
      return CGP_WRITE_FAILED;
    }
    return CGP_OK;
  } catch (const std::exception &e) {
    setMessage(error_message, std::string("cannot write to gnuplot: ") + e.what());
    return CGP_WRITE_FAILED;
  } catch (...) {
    setMessage(error_message, "cgp_send: unknown C++ exception");
    return CGP_INTERNAL_ERROR;
  }
}

extern "C" CGPStatus cgp_send_columns(CGnuplotSession *session, const double *values, size_t rows,
                                      size_t columns, char **error_message) {
  if (session == nullptr || session->stream == nullptr || (rows > 0 && (values == nullptr || columns == 0))) {
    setMessage(error_message, "cgp_send_columns: needs a session, and values with at least one column");
    return CGP_INVALID_ARGUMENT;
  }
  try {
    std::vector<std::vector<double>> table(rows);
    for (size_t r = 0; r < rows; ++r) {
      table[r].assign(values + r * columns, values + (r + 1) * columns);
    }
    SigpipeGuard guard;
    session->stream->send1d(table);
    session->stream->flush();
    if (!*session->stream) {
      setMessage(error_message, "cannot write data to gnuplot (it may have exited)");
      return CGP_WRITE_FAILED;
    }
    return CGP_OK;
  } catch (const std::exception &e) {
    setMessage(error_message, std::string("cannot write data to gnuplot: ") + e.what());
    return CGP_WRITE_FAILED;
  } catch (...) {
    setMessage(error_message, "cgp_send_columns: unknown C++ exception");
    return CGP_INTERNAL_ERROR;
  }
}

extern "C" CGPStatus cgp_close(CGnuplotSession *session, int *exit_status, char **stdout_text,
                               char **stderr_text, char **error_message) {
  if (session == nullptr) {
    setMessage(error_message, "cgp_close: session must not be NULL");
    return CGP_INVALID_ARGUMENT;
  }
  std::unique_ptr<CGnuplotSession> s(session);
  CGPStatus result = CGP_OK;
  int status = -1;
  try {
    {
      SigpipeGuard guard;
      delete s->stream;  // flushes, then fcloses our copy of the pipe
      s->stream = nullptr;
    }
    int raw = pclose(s->pipe);  // closes the pipe (gnuplot sees end of input), then waits
    s->pipe = nullptr;
    if (raw == -1) {
      setMessage(error_message, std::string("cannot wait for gnuplot: ") + std::strerror(errno));
      result = CGP_INTERNAL_ERROR;
    } else if (WIFEXITED(raw)) {
      status = WEXITSTATUS(raw);
    } else if (WIFSIGNALED(raw)) {
      status = 128 + WTERMSIG(raw);
    }
    std::string out = takeFile(s->stdoutPath);
    std::string err = takeFile(s->stderrPath);
    if (status == 127 && result == CGP_OK) {
      setMessage(error_message, "the shell could not run '" + s->executable + "': " + err);
      result = CGP_NOT_FOUND;
    }
    if (stdout_text != nullptr) setMessage(stdout_text, out);
    if (stderr_text != nullptr) setMessage(stderr_text, err);
  } catch (const std::exception &e) {
    setMessage(error_message, std::string("cgp_close: ") + e.what());
    result = CGP_INTERNAL_ERROR;
  } catch (...) {
    setMessage(error_message, "cgp_close: unknown C++ exception");
    result = CGP_INTERNAL_ERROR;
  }
  if (exit_status != nullptr) *exit_status = status;
  return result;
}

extern "C" void cgp_free_string(char *string) { std::free(string); }
