//===- PassRegistration.cpp - Hooks the pass into LLVM's pass builder ------===//
//
// The pass-plugin entry point: clang loads it because the frontend action
// added this object to its pass plugins (or from -fpass-plugin=), and
// `opt -load-pass-plugin=lineprof.so -passes=lineprof` finds it by name,
// with parameters `lineprof<exact>` (the exact-timing probes), `lineprof<all>`
// (every function defined, as -fplugin-arg-lineprof-all; without a frontend
// the annotations select) or both, `lineprof<exact;all>`; and, at the
// optimiser's end, the pass that keeps the default build's frames
// (SiblingCalls.h).
//
//===----------------------------------------------------------------------===//
#include "LineProfPass.h"
#include "SiblingCalls.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

/// The options of a pipeline element named Name, if it is the lineprof pass.
static Optional<lineprof::PassOptions> parsePipelineName(StringRef Name) {
  lineprof::PassOptions Opts;
  if (Name == "lineprof")
    return Opts;
  if (!Name.consume_front("lineprof<") || !Name.consume_back(">"))
    return None;
  SmallVector<StringRef, 2> Params;
  Name.split(Params, ';');
  for (StringRef P : Params) {
    if (P == "exact")
      Opts.Probes = lineprof::ProbeKind::Exact;
    else if (P == "memory")
      Opts.Probes = lineprof::ProbeKind::Frames;
    else if (P == "hits")
      Opts.Probes = lineprof::ProbeKind::Hits;
    else if (P == "all")
      Opts.All = true;
    else
      return None;
  }
  return Opts;
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "lineprof", LLVM_VERSION_STRING,
          [](PassBuilder &PB) {
            // Pipeline start: before inlining and the optimiser, at every -O
            // level and in the pre-link half of -flto.
            PB.registerPipelineStartEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(lineprof::LineProfPass());
                });
            // The optimiser's end: after tail-recursion elimination.
            PB.registerOptimizerLastEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(lineprof::NoSiblingCallsPass());
                });
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  Optional<lineprof::PassOptions> Opts =
                      parsePipelineName(Name);
                  if (Opts)
                    MPM.addPass(lineprof::LineProfPass(*Opts));
                  return Opts.hasValue();
                });
          }};
}
