//===- InlineCostCredit.cpp - The inliner's decisions of the plain build --===//
//
// See InlineCostCredit.h. The estimate follows LLVM's InlineCost.cpp where
// it matters for the probes: a call costs its penalty and an instruction
// per argument on top of its own; address arithmetic, casts, returns and
// unconditional branches (the probes' split blocks add those) are free,
// and so are the loads and stores of stack slots, which SROA turns into
// registers before the inliner runs (the probes' current-line slot among
// them; the user's own cancel out of the difference).
//
//===----------------------------------------------------------------------===//
#include "InlineCostCredit.h"

#include "llvm/Analysis/InlineCost.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"

#include <string>

using namespace llvm;

namespace lineprof {
namespace {

bool onStackSlot(const Value *Ptr) {
  return isa<AllocaInst>(Ptr->stripPointerCasts());
}

/// What InlineCost.cpp charges a call besides its instruction and its
/// arguments (its -inline-call-penalty, 25 by default).
constexpr int CallPenalty = 25;

int costOf(const Instruction &I) {
  using InlineConstants::InstrCost;
  if (isa<DbgInfoIntrinsic>(I) || isa<AllocaInst>(I) ||
      isa<GetElementPtrInst>(I) || isa<CastInst>(I) || isa<PHINode>(I))
    return 0;
  if (auto *Br = dyn_cast<BranchInst>(&I))
    return Br->isConditional() ? InstrCost : 0;
  if (isa<ReturnInst>(I) || isa<UnreachableInst>(I))
    return 0;
  if (auto *L = dyn_cast<LoadInst>(&I))
    return onStackSlot(L->getPointerOperand()) ? 0 : InstrCost;
  if (auto *S = dyn_cast<StoreInst>(&I))
    return onStackSlot(S->getPointerOperand()) ? 0 : InstrCost;
  if (auto *Call = dyn_cast<CallBase>(&I)) {
    if (isa<IntrinsicInst>(I))
      return InstrCost;
    return InstrCost + CallPenalty + InstrCost * int(Call->arg_size());
  }
  return InstrCost;
}

InlineCost costOf(const Function &F) {
  int Cost = 0;
  for (const Instruction &I : instructions(F))
    Cost += costOf(I);
  return {Cost, F.size() == 1};
}

/// F's first call of lineprof's runtime or of the module's entries to it.
CallBase *firstProbeCall(Function &F) {
  for (Instruction &I : instructions(F))
    if (auto *Call = dyn_cast<CallBase>(&I))
      if (Function *Callee = Call->getCalledFunction()) {
        StringRef Name = Callee->getName();
        if (Name.startswith("lineprof.") || Name.startswith("__lineprof_"))
          return Call;
      }
  return nullptr;
}

} // namespace

InlineCosts measureInlineCosts(Module &M) {
  InlineCosts Costs;
  for (Function &F : M)
    if (!F.isDeclaration())
      Costs[&F] = costOf(F);
  return Costs;
}

void creditProbeCosts(Module &M, const InlineCosts &Before, int Threshold) {
  for (auto &[Fn, Plain] : Before) {
    Function &F = *const_cast<Function *>(Fn);
    InlineCost Now = costOf(F);
    int Credit = (Now.Cost - Plain.Cost) * 15 / 16;
    if (Plain.OneBlock && !Now.OneBlock)
      Credit += Threshold / 2; // InlineCost.cpp's SingleBBBonusPercent
    CallBase *Call = Credit > 0 ? firstProbeCall(F) : nullptr;
    if (Call)
      Call->addFnAttr(Attribute::get(F.getContext(), "call-threshold-bonus",
                                     std::to_string(Credit)));
  }
}

} // namespace lineprof
