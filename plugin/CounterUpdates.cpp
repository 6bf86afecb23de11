//===- CounterUpdates.cpp - How probes add to the thread's counters -------===//
//
// See CounterUpdates.h. Unordered atomics: one `add` to memory each, never
// merged into vector operations, which would load back counters just
// stored one by one (a store-forwarding stall), and whose search over long
// runs of counter updates takes the SLP vectoriser time quadratic in their
// length; marked nosanitize, since the sanitizers have nothing to check in
// the probes' own memory.
//
//===----------------------------------------------------------------------===//
#include "CounterUpdates.h"

#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace lineprof {

LoadInst *loadCounter(IRBuilder<> &B, Value *Block, unsigned Slot) {
  Type *I64 = B.getInt64Ty();
  Value *Addr = B.CreateInBoundsGEP(I64, Block, B.getInt64(Slot));
  LoadInst *Old = B.CreateAlignedLoad(I64, Addr, Align(8));
  Old->setAtomic(AtomicOrdering::Unordered);
  Old->setMetadata("nosanitize", MDNode::get(B.getContext(), {}));
  return Old;
}

StoreInst *storeCounter(IRBuilder<> &B, LoadInst *Old, Value *New) {
  StoreInst *S = B.CreateAlignedStore(New, Old->getPointerOperand(), Align(8));
  S->setAtomic(AtomicOrdering::Unordered);
  S->setMetadata("nosanitize", MDNode::get(B.getContext(), {}));
  return S;
}

HitUpdate addOne(IRBuilder<> &B, Value *Block, unsigned Slot) {
  LoadInst *Old = loadCounter(B, Block, Slot);
  return {Old, storeCounter(B, Old, B.CreateAdd(Old, B.getInt64(1))), Slot};
}

Optional<unsigned> counterSlot(const StoreInst &S, const Value *Block) {
  const Value *Ptr = S.getPointerOperand();
  if (Ptr == Block)
    return 0u;
  const auto *GEP = dyn_cast<GetElementPtrInst>(Ptr);
  const auto *Index = GEP && GEP->getPointerOperand() == Block &&
                              GEP->getNumIndices() == 1
                          ? dyn_cast<ConstantInt>(GEP->getOperand(1))
                          : nullptr;
  if (!Index)
    return None;
  return unsigned(Index->getZExtValue());
}

bool addsOne(const StoreInst &S) {
  const auto *Add = dyn_cast<BinaryOperator>(S.getValueOperand());
  const auto *One = Add && Add->getOpcode() == Instruction::Add
                        ? dyn_cast<ConstantInt>(Add->getOperand(1))
                        : nullptr;
  const auto *Old = Add ? dyn_cast<LoadInst>(Add->getOperand(0)) : nullptr;
  return One && One->isOne() && Old &&
         Old->getPointerOperand() == S.getPointerOperand();
}

bool mayStopAt(const Instruction &I) {
  const auto *Call = dyn_cast<CallBase>(&I);
  if (!Call || isa<DbgInfoIntrinsic>(I) || Call->isLifetimeStartOrEnd())
    return false;
  const Function *Callee = Call->getCalledFunction();
  StringRef Name = Callee ? Callee->getName() : "";
  return !Name.startswith("__lineprof_") && !Name.startswith("lineprof.");
}

} // namespace lineprof
