//===- InlineParity.h - Keep the plain build's inlining decisions ---------===//
//
// The probes make a profiled function bigger, and LLVM's inliner, which
// runs after the pass, weighs that size: a helper the plain build inlines
// into its caller's loop (a hash, a comparator) stays a call in the
// profiled build, which then runs a different program. Each instrumented
// function therefore tells the inliner what its probes cost: the
// "call-threshold-bonus" attribute on the probes' own call of the runtime
// (the once-per-thread lookup of the counter block) raises the threshold
// of every inlining of the function by the probes' cost, as estimated
// here with the inliner's own units, so that the decision is the one the
// plain function would get.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_INLINEPARITY_H
#define LINEPROF_INLINEPARITY_H

namespace llvm {
class Function;
} // namespace llvm

namespace lineprof {

/// What the inliner weighs in a function.
struct InlineSize {
  int Cost = 0;         ///< in InlineCost.cpp's units
  bool OneBlock = true; ///< no block has two successors
};

/// The inliner's estimate of F's size.
InlineSize inlineSize(const llvm::Function &F);

/// Gives the call of Runtime in F (the probes' prologue) a threshold bonus
/// of F's growth since it measured Plain.
void compensateProbeSize(llvm::Function &F, const llvm::Function &Runtime,
                         InlineSize Plain);

} // namespace lineprof

#endif
