//===- PassRegistration.cpp - Hooks the pass into LLVM's pass builder ------===//
//
// The pass-plugin entry point: clang loads it because the frontend action
// added this object to its pass plugins (or from -fpass-plugin=), and
// `opt -load-pass-plugin=lineprof.so -passes=lineprof` finds it by name
// (`lineprof<exact>` for the exact-timing probes).
//
//===----------------------------------------------------------------------===//
#include "LineProfPass.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "lineprof", LLVM_VERSION_STRING,
          [](PassBuilder &PB) {
            // Pipeline start: before inlining and the optimiser, at every -O
            // level and in the pre-link half of -flto.
            PB.registerPipelineStartEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(lineprof::LineProfPass());
                });
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name != "lineprof" && Name != "lineprof<exact>")
                    return false;
                  MPM.addPass(lineprof::LineProfPass(Name == "lineprof<exact>"));
                  return true;
                });
          }};
}
