//===- InlineParity.cpp - Keep the plain build's inlining decisions -------===//
//
// See InlineParity.h. The estimate follows InlineCost.cpp: every
// instruction that does not simplify away costs InlineConstants::InstrCost,
// a call adds the call penalty and its arguments' setup; PHIs, no-op casts,
// constant-offset address arithmetic, unconditional branches and returns
// are free, as are stack slots and their loads and stores (SROA turns the
// probes' current-line local into a register before the inliner runs).
//
// The bonus travels with the call into every function the profiled one is
// inlined into, which is right (its probes go there too) as long as the
// estimate is close: an error would add up over the copies. So the one term
// that is not a cost is left out: the inliner's single-block bonus (half
// the threshold), which a one-block function loses to the probes' test of
// the cached counter block.
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

/// What InlineCost.cpp adds for a call besides its instruction (LLVM 14's
/// constant, LLVM 15's -inline-call-penalty default).
constexpr int CallPenalty = 25;

bool onStackSlot(const Value *Ptr) {
  return isa<AllocaInst>(Ptr->stripPointerCasts());
}

int instructionCost(const Instruction &I) {
  constexpr int Cost = InlineConstants::InstrCost;
  if (isa<PHINode>(I) || isa<DbgInfoIntrinsic>(I) || isa<AllocaInst>(I) ||
      isa<ReturnInst>(I) || I.isLifetimeStartOrEnd())
    return 0;
  if (const auto *Cast = dyn_cast<CastInst>(&I))
    return Cast->isNoopCast(I.getModule()->getDataLayout()) ? 0 : Cost;
  if (const auto *GEP = dyn_cast<GetElementPtrInst>(&I))
    return GEP->hasAllConstantIndices() ? 0 : Cost;
  if (const auto *Br = dyn_cast<BranchInst>(&I))
    return Br->isConditional() ? Cost : 0;
  if (const auto *Load = dyn_cast<LoadInst>(&I))
    return onStackSlot(Load->getPointerOperand()) ? 0 : Cost;
  if (const auto *Store = dyn_cast<StoreInst>(&I))
    return onStackSlot(Store->getPointerOperand()) ? 0 : Cost;
  if (const auto *Call = dyn_cast<CallBase>(&I))
    return Cost + CallPenalty + Cost * int(Call->arg_size());
  return Cost;
}

} // namespace

int inlineSize(const Function &F) {
  int Size = 0;
  for (const Instruction &I : instructions(F))
    Size += instructionCost(I);
  return Size;
}

void compensateProbeSize(Function &F, const Function &Runtime,
                         int PlainSize) {
  int Bonus = inlineSize(F) - PlainSize;
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
