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

#include "llvm/IR/PassManager.h"

#include <string>

namespace llvm {
class DIFile;
} // namespace llvm

namespace lineprof {

/// File's absolute path (its directory prepended, dots removed): where the
/// runtime and the command read the source.
std::string absolutePath(const llvm::DIFile *File);

struct LineProfPass : llvm::PassInfoMixin<LineProfPass> {
  /// Exact: emit the exact-timing probes even without a frontend saying so
  /// (`opt -passes='lineprof<exact>'`).
  explicit LineProfPass(bool Exact = false) : Exact(Exact) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  /// Never skipped, not even for optnone functions at -O0.
  static bool isRequired() { return true; }

private:
  bool Exact;
};

} // namespace lineprof

#endif
