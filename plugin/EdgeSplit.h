//===- EdgeSplit.h - A block on a CFG edge, parallel edges included -------===//
//
// The back-edge probes (LineEvents.cpp) and the loop-hit flushes
// (LoopHitCounters.cpp) each put a block of their own on a CFG edge.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_EDGESPLIT_H
#define LINEPROF_EDGESPLIT_H

#include "llvm/ADT/Twine.h"

namespace llvm {
class BasicBlock;
class DebugLoc;
} // namespace llvm

namespace lineprof {

/// Puts a new block named Name, a branch to To located at Loc, on the edge
/// From->To, and returns it. All of From's parallel edges to To (a `switch`
/// with several cases going there) go through it, and To's PHIs keep one
/// entry for it. From must not end in an indirectbr or callbr and To must
/// not be an exception-handling pad.
llvm::BasicBlock *splitEdge(llvm::BasicBlock *From, llvm::BasicBlock *To,
                            const llvm::Twine &Name, const llvm::DebugLoc &Loc);

} // namespace lineprof

#endif
