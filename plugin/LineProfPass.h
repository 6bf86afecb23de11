//===- LineProfPass.h - The lineprof instrumentation pass -----------------===//
//
// A module pass, run at the start of the optimisation pipeline (before
// inlining) at every -O level: it selects the functions to profile, maps
// their instructions to statement lines, places line-event probes and emits
// the module's tables for the runtime.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_LINEPROFPASS_H
#define LINEPROF_LINEPROFPASS_H

#include "FrontendInfo.h"

#include "llvm/IR/PassManager.h"

#include <string>

namespace llvm {
class DIFile;
} // namespace llvm

namespace lineprof {

/// File's absolute path (its directory prepended, dots removed): where the
/// runtime and the command read the source; "" without a File.
std::string absolutePath(const llvm::DIFile *File);

/// What `opt -passes='lineprof<...>'` asks for, beyond the frontend.
struct PassOptions {
  /// The probes (`lineprof<exact>`, `lineprof<memory>`, `lineprof<hits>`);
  /// by default the frontend's.
  ProbeKind Probes = ProbeKind::Unwound;
  /// Select every function defined, not only the annotated and the
  /// frontend's (`lineprof<all>`; for testing the pass on any IR).
  bool All = false;
};

struct LineProfPass : llvm::PassInfoMixin<LineProfPass> {
  explicit LineProfPass(PassOptions Opts = PassOptions()) : Opts(Opts) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  /// Never skipped, not even for optnone functions at -O0.
  static bool isRequired() { return true; }

private:
  PassOptions Opts;
};

} // namespace lineprof

#endif
