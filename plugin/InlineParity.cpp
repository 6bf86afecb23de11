//===- InlineParity.cpp - Keep the plain build's inlining decisions -------===//
//
// See InlineParity.h. The estimate follows InlineCost.cpp: every
// instruction that does not simplify away costs InlineConstants::InstrCost,
// a call adds the call penalty and its arguments' setup; PHIs, no-op casts,
// constant-offset address arithmetic, unconditional branches and one return
// are free, as are the stack slots and their loads and stores (SROA turns
// the probes' current-line local into registers before the inliner runs).
// A function of one block gets half its threshold again from the inliner
// (the single-block bonus); the probes' test of the cached counter block
// ends that, so a function that had one block gets that half back.
//
//===----------------------------------------------------------------------===//
#include "InlineParity.h"

#include "llvm/Analysis/InlineCost.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <string>

using namespace llvm;

namespace lineprof {

namespace {

/// The inliner's default threshold at -O2 (-inline-threshold).
constexpr int DefaultThreshold = 225;
/// InlineCost.cpp's single-block bonus, as a share of the threshold.
constexpr int SingleBlockBonusPercent = 50;
/// What InlineCost.cpp adds for a call besides its instruction (LLVM 14's
/// constant, LLVM 15's -inline-call-penalty default).
constexpr int CallPenalty = 25;

bool onStackSlot(const Value *Ptr) {
  return isa<AllocaInst>(Ptr->stripPointerCasts());
}

int instructionCost(const Instruction &I) {
  if (isa<PHINode>(I) || isa<DbgInfoIntrinsic>(I) || isa<AllocaInst>(I) ||
      isa<ReturnInst>(I) || I.isLifetimeStartOrEnd())
    return 0;
  if (const auto *Cast = dyn_cast<CastInst>(&I))
    return Cast->isNoopCast(I.getModule()->getDataLayout())
               ? 0
               : InlineConstants::InstrCost;
  if (const auto *GEP = dyn_cast<GetElementPtrInst>(&I))
    return GEP->hasAllConstantIndices() ? 0 : InlineConstants::InstrCost;
  if (const auto *Br = dyn_cast<BranchInst>(&I))
    return Br->isConditional() ? InlineConstants::InstrCost : 0;
  if (const auto *Load = dyn_cast<LoadInst>(&I))
    return onStackSlot(Load->getPointerOperand()) ? 0
                                                  : InlineConstants::InstrCost;
  if (const auto *Store = dyn_cast<StoreInst>(&I))
    return onStackSlot(Store->getPointerOperand()) ? 0
                                                   : InlineConstants::InstrCost;
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return InlineConstants::InstrCost + CallPenalty +
           InlineConstants::InstrCost * int(Call->arg_size());
  return InlineConstants::InstrCost;
}

} // namespace

InlineSize inlineSize(const Function &F) {
  InlineSize Size;
  for (const Instruction &I : instructions(F)) {
    Size.Cost += instructionCost(I);
    if (I.isTerminator() && I.getNumSuccessors() > 1)
      Size.OneBlock = false;
  }
  return Size;
}

void compensateProbeSize(Function &F, const Function &Runtime,
                         InlineSize Plain) {
  InlineSize Probed = inlineSize(F);
  int Bonus = Probed.Cost - Plain.Cost;
  if (Plain.OneBlock && !Probed.OneBlock)
    Bonus += DefaultThreshold * SingleBlockBonusPercent / 100;
  if (Bonus <= 0)
    return;
  for (Instruction &I : instructions(F))
    if (auto *Call = dyn_cast<CallInst>(&I))
      if (Call->getCalledFunction() == &Runtime) {
        Call->addFnAttr(Attribute::get(F.getContext(), "call-threshold-bonus",
                                       std::to_string(Bonus)));
        return;
      }
}

} // namespace lineprof
