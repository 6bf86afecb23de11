//===- SiblingCalls.h - The default build's calls keep their frames -------===//
//
// The default build's calls take no frames: the runtime finds the lines of
// the calls in progress on the native stack (runtime/rt/rt_native_stack.c).
// A sibling call (a call in tail position compiled as a jump) replaces its
// caller's frame, and the caller's line with it: `free(n);` at the end of
// a function would hand its time and its freed bytes to the line that
// called the function. The instrumentation pass marks each function it
// instruments with the default probes; at the end of the optimiser, once
// tail-recursion elimination has turned self-recursive calls into loops,
// this pass forbids the marked functions' sibling calls.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_SIBLINGCALLS_H
#define LINEPROF_SIBLINGCALLS_H

#include "llvm/IR/PassManager.h"

namespace llvm {
class Function;
} // namespace llvm

namespace lineprof {

/// Marks F, instrumented with the default probes, for NoSiblingCallsPass.
void keepFramesForNativeStack(llvm::Function &F);

struct NoSiblingCallsPass : llvm::PassInfoMixin<NoSiblingCallsPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace lineprof

#endif
