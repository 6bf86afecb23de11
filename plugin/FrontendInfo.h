//===- FrontendInfo.h - What the frontend action tells the IR pass --------===//
//
// The Clang frontend action (FrontendAction.cpp) and the IR pass
// (LineProfPass.cpp) live in the same shared object, loaded once by clang,
// so the frontend hands its findings to the pass through this process-wide
// record: the plugin options, for every selected function which source
// lines start statements, and the C type of each allocation call. Under
// `opt` or `-fpass-plugin` alone there is no frontend; the pass then falls
// back to annotations and raw line numbers.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_FRONTENDINFO_H
#define LINEPROF_FRONTENDINFO_H

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lineprof {

/// Source-line structure of one function, from its AST.
struct FunctionLines {
  unsigned FirstLine = 0; ///< first line of the declaration, attributes included
  unsigned LastLine = 0;  ///< line of the closing brace
  /// Every line covered by a statement, mapped to the line where that
  /// statement starts (multi-line statements fold into their first line).
  /// Lines absent from the map (braces, `else`, labels, declarations without
  /// initialiser) never get events.
  std::map<unsigned, unsigned> StatementLine;
  /// (line, column) where jump and loop statements start: an unconditional
  /// branch located exactly there is that statement's own code (`break;`,
  /// `return;`, a loop's back edge) and counts as executing its line.
  std::set<std::pair<unsigned, unsigned>> JumpStarts;
};

/// The C type each allocation call allocates ("" when the source does not
/// say), by the line and column where the call starts (where its macro is
/// expanded, for a call written in a macro), the calls of all the
/// translation unit's files together (AllocationTypes.h).
using AllocationTypeMap =
    std::multimap<std::pair<unsigned, unsigned>, std::string>;

/// Which probes a translation unit's profiled functions get (one kind per
/// translation unit; docs/semantics.md, "Timer modes").
enum class ProbeKind {
  Unwound, ///< the default: hit counters; the sampler finds the calls'
           ///< lines on the native stack
  Frames,  ///< -fplugin-arg-lineprof-memory: each call also keeps a frame of
           ///< the shadow stack, which heap memory per line is charged to
  Exact,   ///< -fplugin-arg-lineprof-exact: exact-timing probes too
  Hits,    ///< -fplugin-arg-lineprof-hits: hit counters only
};

struct FrontendInfo {
  bool Present = false;   ///< a frontend action ran for this translation unit
  ProbeKind Probes = ProbeKind::Unwound; ///< -exact, -memory or -hits
  std::string MainFile;   ///< the translation unit's main file as clang names it
  std::map<std::string, FunctionLines> Functions; ///< selected, by name
  /// Those of Functions selected by name (annotated or `functions=`), not
  /// with their file (`all`, `files=`): the probes keep such a function's
  /// inlining as in the plain build (InlineParity.h).
  std::set<std::string> Named;
  /// Each -fplugin-arg-lineprof-functions name, and whether it matched a
  /// function defined here (the runtime reports those no module matched).
  std::vector<std::pair<std::string, bool>> Patterns;
  AllocationTypeMap AllocationTypes; ///< of every allocation call
};

/// The record for the translation unit being compiled.
FrontendInfo &frontendInfo();

} // namespace lineprof

#endif
