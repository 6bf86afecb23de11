//===- InlineParity.h - Keep the plain build's inlining decisions ---------===//
//
// The probes make a profiled function bigger, and LLVM's inliner, which
// runs after the pass, weighs that size: a helper the plain build inlines
// into its caller's loop (a hash, a comparator) stays a call in the
// profiled build, which then runs a different program. A function selected
// by name (annotated, or named by `functions=`) therefore tells the inliner
// what its probes cost: the "call-threshold-bonus" attribute on the probes'
// own call of the runtime (the once-per-thread lookup of the counter block)
// raises the threshold of every inlining of the function by the probes'
// cost, as estimated here in the inliner's units, so that the decision is
// the one the plain function gets. Functions taken wholesale (`all`,
// `files=`) get no bonus: each inlined copy carries its probes, and with
// every function of Lua profiled the bonus doubled the compile time
// (docs/performance.md), against issue 12's bound of 1.5x.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_INLINEPARITY_H
#define LINEPROF_INLINEPARITY_H

namespace llvm {
class Function;
} // namespace llvm

namespace lineprof {

/// The inliner's estimate of F's size, in InlineCost.cpp's units.
int inlineSize(const llvm::Function &F);

/// Gives the call of Runtime in F (the probes' prologue) a threshold bonus
/// of F's growth since its size was PlainSize.
void compensateProbeSize(llvm::Function &F, const llvm::Function &Runtime,
                         int PlainSize);

} // namespace lineprof

#endif
