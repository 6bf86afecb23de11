//===- InlineCostCredit.h - The inliner's decisions of the plain build ----===//
//
// The probes make a function larger in the eyes of LLVM's inliner, which
// then leaves calls of small profiled helpers uninlined where the plain
// build inlines them (bench/wordcount.c's hash and table functions,
// parse.c's number parser): the profiled program would pay calls the
// plain one does not, and its lines' times would describe another
// program. The inliner raises its threshold by the "call-threshold-bonus"
// of each call it meets in the callee; the first of a function's calls of
// lineprof's runtime carries the inline cost of everything lineprof added
// to the function, so that the threshold is compared with the cost of the
// plain function.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_INLINECOSTCREDIT_H
#define LINEPROF_INLINECOSTCREDIT_H

#include "llvm/ADT/DenseMap.h"

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace lineprof {

/// What the inliner sees of a function: an estimate of its inline cost, in
/// the units of LLVM's inline cost (InlineConstants::InstrCost a plain
/// instruction), leaving out what SROA removes before the inliner looks;
/// and whether it is one block.
struct InlineCost {
  int Cost;
  bool OneBlock;
};
using InlineCosts = llvm::DenseMap<const llvm::Function *, InlineCost>;
InlineCosts measureInlineCosts(llvm::Module &M);

/// Credits each function of M with what it costs more than in Before, on
/// the first call of lineprof's runtime in it: 15/16 of the estimate (the
/// estimate errs high, and too little credit leaves a call as it was
/// before the credit), and the inliner's bonus for a callee of one block
/// (half of Threshold) when the probes split a function of one block.
void creditProbeCosts(llvm::Module &M, const InlineCosts &Before,
                      int Threshold);

} // namespace lineprof

#endif
