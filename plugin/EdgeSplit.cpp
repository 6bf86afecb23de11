//===- EdgeSplit.cpp - A block on a CFG edge, parallel edges included -----===//
//
// See EdgeSplit.h.
//
//===----------------------------------------------------------------------===//
#include "EdgeSplit.h"

#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace lineprof {

BasicBlock *splitEdge(BasicBlock *From, BasicBlock *To, const Twine &Name,
                      const DebugLoc &Loc) {
  BasicBlock *Mid =
      BasicBlock::Create(From->getContext(), Name, From->getParent(), To);
  BranchInst::Create(To, Mid)->setDebugLoc(Loc);
  From->getTerminator()->replaceSuccessorWith(To, Mid);
  To->replacePhiUsesWith(From, Mid);
  // Parallel edges had one entry each, all with the same value; Mid is one
  // predecessor.
  for (PHINode &Phi : To->phis())
    for (unsigned I = Phi.getNumIncomingValues(),
                  First = Phi.getBasicBlockIndex(Mid);
         I-- > First + 1;)
      if (Phi.getIncomingBlock(I) == Mid)
        Phi.removeIncomingValue(I, /*DeletePHIIfEmpty=*/false);
  return Mid;
}

} // namespace lineprof
