//===- LoopHitCounters.h - Hit counters of call-free loops in registers ---===//
//
// A line event adds one to its line's counter in the thread's block, in
// memory. In a tight loop that add is a chain through memory (each
// iteration loads what the last one stored), which can make the loop
// several times slower than the plain one. In a loop that calls nothing
// (our runtime's probes aside), nothing can observe the counters before the
// loop exits, so its events count in a local instead, which the optimiser
// keeps in a register, and every exit edge adds the local to the block's
// counter, as LLVM's own profile counters are promoted out of loops.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_LOOPHITCOUNTERS_H
#define LINEPROF_LOOPHITCOUNTERS_H

#include "CounterUpdates.h"

#include "llvm/ADT/ArrayRef.h"

namespace llvm {
class DebugLoc;
class Function;
class LoadInst;
class StoreInst;
class Value;
} // namespace llvm

namespace lineprof {

/// Moves the updates that lie in call-free loops of F to locals flushed to
/// Block (the thread's counter block, available in every block of F after
/// the prologue) on each exit edge of the outermost such loop.
/// The flushes' instructions get Loc (the probes' line 0).
void promoteLoopHitCounters(llvm::Function &F, llvm::Value *Block,
                            const llvm::DebugLoc &Loc,
                            llvm::ArrayRef<HitUpdate> Updates);

} // namespace lineprof

#endif
