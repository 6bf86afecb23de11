//===- SiblingCalls.cpp - The default build's calls keep their frames -----===//
//
// See SiblingCalls.h: a string attribute marks the functions, and the
// backend's own "disable-tail-calls" attribute, added late, forbids their
// sibling calls without keeping tail-recursion elimination from running
// on them first.
//
//===----------------------------------------------------------------------===//
#include "SiblingCalls.h"

#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace lineprof {

static const char *const Mark = "lineprof-native-stack";

void keepFramesForNativeStack(Function &F) { F.addFnAttr(Mark); }

PreservedAnalyses NoSiblingCallsPass::run(Module &M,
                                          ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M)
    if (F.hasFnAttribute(Mark)) {
      F.addFnAttr("disable-tail-calls", "true");
      Changed = true;
    }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace lineprof
