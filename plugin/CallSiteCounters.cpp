//===- CallSiteCounters.cpp - Call counts per call site --------------------===//
//
// See CallSiteCounters.h. A site is found before the probes go in, so none
// of the probes' own calls is ever counted; its counter is updated once the
// caller's prologue has made the thread's counter block, with the unordered
// load and store of a line's hit (LineEvents.cpp): per call, one add.
//
//===----------------------------------------------------------------------===//
#include "CallSiteCounters.h"

#include "llvm/ADT/Triple.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace lineprof {

CallSiteFilter::CallSiteFilter(Module &M, std::set<const Function *> Profiled)
    : TLII(Triple(M.getTargetTriple())), TLI(TLII),
      Profiled(std::move(Profiled)) {}

const Function *CallSiteFilter::countedCallee(const CallBase &CB) const {
  if (CB.isInlineAsm())
    return nullptr;
  const auto *Callee =
      dyn_cast<Function>(CB.getCalledOperand()->stripPointerCasts());
  if (!Callee || Callee->isIntrinsic() ||
      Callee->hasFnAttribute(Attribute::ReturnsTwice) ||
      Callee->getName().startswith("__lineprof"))
    return nullptr;
  if (!Callee->isDeclaration())
    return Profiled.count(Callee) ? Callee : nullptr;
  LibFunc Known;
  if (TLI.getLibFunc(*Callee, Known) && TLI.has(Known))
    return nullptr;
  return Callee;
}

std::vector<CallSite>
findCallSites(Function &F, unsigned Caller, const CallSiteFilter &Filter,
              const DenseMap<Instruction *, unsigned> &Slot,
              const FunctionTable &Lines, unsigned &NextSlot) {
  std::vector<CallSite> Sites;
  for (Instruction &I : instructions(F)) {
    auto *CB = dyn_cast<CallBase>(&I);
    const Function *Callee = CB ? Filter.countedCallee(*CB) : nullptr;
    auto It = Callee ? Slot.find(&I) : Slot.end();
    if (It == Slot.end())
      continue;
    CallSiteTable T;
    T.Callee = Callee->getName().str();
    T.Caller = Caller;
    T.Line = Lines.Lines[It->second - Lines.FirstSlot];
    T.Slot = NextSlot++;
    Sites.push_back({CB, std::move(T)});
  }
  return Sites;
}

void countCallSites(ArrayRef<CallSite> Sites, Value *Block) {
  for (const CallSite &S : Sites) {
    IRBuilder<> B(S.Call);
    if (DISubprogram *SP = S.Call->getFunction()->getSubprogram())
      B.SetCurrentDebugLocation(DILocation::get(B.getContext(), 0, 0, SP));
    MDNode *NoSanitize = MDNode::get(B.getContext(), {});
    Value *Addr =
        B.CreateInBoundsGEP(B.getInt64Ty(), Block, B.getInt64(S.Table.Slot));
    LoadInst *Old = B.CreateAlignedLoad(B.getInt64Ty(), Addr, Align(8));
    Old->setAtomic(AtomicOrdering::Unordered);
    Old->setMetadata("nosanitize", NoSanitize);
    StoreInst *New =
        B.CreateAlignedStore(B.CreateAdd(Old, B.getInt64(1)), Addr, Align(8));
    New->setAtomic(AtomicOrdering::Unordered);
    New->setMetadata("nosanitize", NoSanitize);
  }
}

} // namespace lineprof
