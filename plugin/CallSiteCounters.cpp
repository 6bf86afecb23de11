//===- CallSiteCounters.cpp - Call counts per call site --------------------===//
//
// See CallSiteCounters.h. A site is found before the probes go in, so none
// of the probes' own calls is ever counted; its counter is updated once the
// caller's prologue has made the thread's counter block, with the unordered
// load and store of a line's hit (LineEvents.cpp): per call, one add, unless
// the line's own hit counts the call already (a line with one call, the
// common case: `return f(x) + 1;`, `g(a, b);`), which costs nothing.
//
//===----------------------------------------------------------------------===//
#include "CallSiteCounters.h"

#include "CounterUpdates.h"

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
    Sites.push_back({CB, std::move(T), It->second});
  }
  return Sites;
}

namespace {

/// For each line slot of Sites (all in one function): the store of its
/// hit if the function adds one to it in this one place and nowhere else,
/// else null.
DenseMap<unsigned, const StoreInst *> singleHits(ArrayRef<CallSite> Sites,
                                                 const Value *Block) {
  DenseMap<unsigned, const StoreInst *> Hit;
  DenseMap<unsigned, unsigned> Stores;
  for (const CallSite &S : Sites)
    Hit[S.LineSlot] = nullptr;
  for (const Instruction &I : instructions(*Sites.front().Call->getFunction()))
    if (const auto *St = dyn_cast<StoreInst>(&I))
      if (Optional<unsigned> Slot = counterSlot(*St, Block))
        if (Hit.count(*Slot))
          Hit[*Slot] = ++Stores[*Slot] == 1 && addsOne(*St) ? St : nullptr;
  return Hit;
}

/// Whether Call always runs once Hit has: Hit comes earlier in the same
/// block, and nothing between them may stop the call from being reached.
bool alwaysFollows(const CallBase &Call, const StoreInst *Hit) {
  if (!Hit || Hit->getParent() != Call.getParent())
    return false;
  for (const Instruction *I = Hit->getNextNode(); I; I = I->getNextNode()) {
    if (I == &Call)
      return true;
    if (mayStopAt(*I))
      return false;
  }
  return false; // the call comes before the hit
}

void addOneBefore(const CallSite &S, Value *Block) {
  IRBuilder<> B(S.Call);
  if (DISubprogram *SP = S.Call->getFunction()->getSubprogram())
    B.SetCurrentDebugLocation(DILocation::get(B.getContext(), 0, 0, SP));
  addOne(B, Block, S.Table.Slot);
}

} // namespace

void countCallSites(MutableArrayRef<CallSite> Sites, Value *Block) {
  if (Sites.empty())
    return;
  DenseMap<unsigned, const StoreInst *> Hit = singleHits(Sites, Block);
  for (CallSite &S : Sites) {
    if (alwaysFollows(*S.Call, Hit[S.LineSlot]))
      S.Table.Slot = S.LineSlot;
    else
      addOneBefore(S, Block);
  }
}

} // namespace lineprof
