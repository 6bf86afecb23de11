//===- Selection.cpp - Which functions get profiled -----------------------===//
//
// Parses -fplugin-arg-lineprof-* arguments and decides, per function,
// whether it is instrumented.
//
//===----------------------------------------------------------------------===//
#include "Selection.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <fnmatch.h>

using namespace llvm;

namespace lineprof {

static void splitList(StringRef List, std::vector<std::string> &Out) {
  SmallVector<StringRef, 8> Parts;
  List.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef P : Parts)
    Out.push_back(P.trim().str());
}

bool parsePluginArgument(const std::string &Arg, SelectionOptions &Opts,
                         std::string &Error) {
  StringRef A(Arg);
  if (A == "all") {
    Opts.All = true;
    return true;
  }
  if (A == "exact" || A == "hits" || A == "memory") {
    ProbeKind Kind = A == "exact"  ? ProbeKind::Exact
                     : A == "hits" ? ProbeKind::Hits
                                   : ProbeKind::Frames;
    if (Opts.Probes != ProbeKind::Unwound && Opts.Probes != Kind) {
      Error = "-fplugin-arg-lineprof-exact, -memory and -hits exclude each "
              "other (exact times, memory per line, or Hits only)";
      return false;
    }
    Opts.Probes = Kind;
    return true;
  }
  if (A.consume_front("functions=")) {
    splitList(A, Opts.Functions);
    return true;
  }
  if (A.consume_front("files=")) {
    splitList(A, Opts.Files);
    return true;
  }
  Error = "unknown argument '-fplugin-arg-lineprof-" + Arg +
          "' (known: functions=NAME[,GLOB...], files=GLOB[,...], all, exact, "
          "memory, hits)";
  return false;
}

bool globMatch(const std::string &Pattern, const std::string &Text) {
  return fnmatch(Pattern.c_str(), Text.c_str(), 0) == 0;
}

static bool matchesAny(const std::vector<std::string> &Patterns,
                       const std::string &Text) {
  for (const std::string &P : Patterns)
    if (globMatch(P, Text))
      return true;
  return false;
}

bool isNamed(const SelectionOptions &Opts, const std::string &Name,
             bool Annotated) {
  return Annotated || matchesAny(Opts.Functions, Name);
}

bool isSelected(const SelectionOptions &Opts, const std::string &Name,
                const std::string &File, bool Annotated, bool SystemHeader) {
  if (isNamed(Opts, Name, Annotated))
    return true;
  return !SystemHeader && (Opts.All || matchesAny(Opts.Files, File));
}

} // namespace lineprof
