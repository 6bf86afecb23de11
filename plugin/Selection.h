//===- Selection.h - Which functions get profiled -------------------------===//
//
// The plugin's options (-fplugin-arg-lineprof-*) and the rule that picks the
// functions to instrument: annotate("profile"), names and globs, files, all.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_SELECTION_H
#define LINEPROF_SELECTION_H

#include "FrontendInfo.h"

#include <string>
#include <vector>

namespace lineprof {

struct SelectionOptions {
  bool All = false;                   ///< -fplugin-arg-lineprof-all
  std::vector<std::string> Functions; ///< -fplugin-arg-lineprof-functions=a,b*
  std::vector<std::string> Files;     ///< -fplugin-arg-lineprof-files=src/*.c
  ProbeKind Probes = ProbeKind::Unwound;
};

/// Parses one plugin argument ("functions=a,b", "files=x", "all", "exact",
/// "hits", "memory") into Opts. Returns false, with a message in Error, for an
/// unknown argument or one that contradicts those before it.
bool parsePluginArgument(const std::string &Arg, SelectionOptions &Opts,
                         std::string &Error);

/// Whether a function named Name defined in File is selected, given whether
/// it carries annotate("profile") and whether File is a system header
/// (`all` and `files=` never select functions of system headers, such as
/// glibc's inline putchar; naming them or annotating them does).
bool isSelected(const SelectionOptions &Opts, const std::string &Name,
                const std::string &File, bool Annotated, bool SystemHeader);

/// Whether the function is selected by name: annotated, or matched by
/// `functions=` (rather than taken with its file by `all` or `files=`).
bool isNamed(const SelectionOptions &Opts, const std::string &Name,
             bool Annotated);

/// Shell-style glob match (`*`, `?`, `[...]`), as fnmatch(3) without flags.
bool globMatch(const std::string &Pattern, const std::string &Text);

} // namespace lineprof

#endif
