//===- CounterUpdates.h - How probes add to the thread's counters ---------===//
//
// Every count the probes keep, a line's hit (LineEvents.cpp), a call-free
// loop's local at its exits (LoopHitCounters.cpp), a call site's calls
// (CallSiteCounters.cpp), is an add to a 64-bit counter of the thread's
// counter block, built here; and recognised here, for CallSiteCounters.cpp
// to find the lines' hits among the updates already placed. Here too is
// what may come between an update and the code whose runs it counts
// (CallSiteCounters.cpp, DerivedHits.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_COUNTERUPDATES_H
#define LINEPROF_COUNTERUPDATES_H

#include "llvm/ADT/Optional.h"
#include "llvm/IR/IRBuilder.h"

namespace lineprof {

/// One counter update: the load and the store of block[Slot].
struct HitUpdate {
  llvm::LoadInst *Old;
  llvm::StoreInst *New;
  unsigned Slot;
};

/// block[Slot] += 1 at B's insertion point (B's location).
HitUpdate addOne(llvm::IRBuilder<> &B, llvm::Value *Block, unsigned Slot);

/// The two halves of an update, for a sum computed in between: the load of
/// block[Slot], and the store of New to the address Old was loaded from.
llvm::LoadInst *loadCounter(llvm::IRBuilder<> &B, llvm::Value *Block,
                            unsigned Slot);
llvm::StoreInst *storeCounter(llvm::IRBuilder<> &B, llvm::LoadInst *Old,
                              llvm::Value *New);

/// The slot of Block that S stores to, if S is a counter update.
llvm::Optional<unsigned> counterSlot(const llvm::StoreInst &S,
                                     const llvm::Value *Block);

/// Whether S stores one more than what was loaded from its address.
bool addsOne(const llvm::StoreInst &S);

/// Whether the code after I in its block may not run once I has (a fault
/// aside): a call, unless of the runtime, of the module's own entries to it
/// (`lineprof.*`) or of a debug or lifetime intrinsic.
bool mayStopAt(const llvm::Instruction &I);

} // namespace lineprof

#endif
