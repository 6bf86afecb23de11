//===- FrontendAction.cpp - The Clang half of the lineprof plugin ---------===//
//
// Loaded by `clang -fplugin=lineprof.so`. It
//  1. parses -fplugin-arg-lineprof-* (an unknown one is a compile error),
//  2. adds this same shared object to clang's pass plugins, so that the IR
//     pass (LineProfPass.cpp) runs without -fpass-plugin, and
//  3. walks the AST to select functions and find which of their lines start
//     statements, and to find the C type of each allocation call, handing
//     all that to the IR pass through frontendInfo().
//
//===----------------------------------------------------------------------===//
#include "AllocationTypes.h"
#include "FrontendInfo.h"
#include "Selection.h"
#include "StatementLines.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Support/FileSystem.h"
#include <dlfcn.h>

using namespace clang;

namespace lineprof {

FrontendInfo &frontendInfo() {
  static FrontendInfo Info;
  return Info;
}

namespace {

bool isAnnotatedForProfile(const FunctionDecl &FD) {
  for (const auto *A : FD.specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "profile")
      return true;
  return false;
}

/// Collects the selected function definitions of the translation unit.
class SelectionVisitor : public RecursiveASTVisitor<SelectionVisitor> {
public:
  SelectionVisitor(const SelectionOptions &Opts, const SourceManager &SM)
      : Opts(Opts), SM(SM) {}

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || !FD->getBody())
      return true;
    std::string File =
        SM.getPresumedLoc(SM.getExpansionLoc(FD->getLocation())).getFilename();
    std::string Name = FD->getNameAsString();
    bool System = SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation()));
    bool Annotated = isAnnotatedForProfile(*FD);
    if (isSelected(Opts, Name, File, Annotated, System))
      frontendInfo().Functions[Name] = computeStatementLines(*FD, SM);
    if (isNamed(Opts, Name, Annotated))
      frontendInfo().Named.insert(Name);
    for (auto &[Pattern, Matched] : frontendInfo().Patterns)
      Matched = Matched || globMatch(Pattern, Name);
    return true;
  }

private:
  const SelectionOptions &Opts;
  const SourceManager &SM;
};

class LineProfConsumer : public ASTConsumer {
public:
  explicit LineProfConsumer(SelectionOptions Opts) : Opts(std::move(Opts)) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    FrontendInfo &Info = frontendInfo();
    Info.Present = true;
    Info.Probes = Opts.Probes;
    if (const FileEntry *FE = SM.getFileEntryForID(SM.getMainFileID()))
      Info.MainFile = FE->getName().str();
    for (const std::string &Pattern : Opts.Functions)
      Info.Patterns.push_back({Pattern, false});
    SelectionVisitor(Opts, SM).TraverseDecl(Ctx.getTranslationUnitDecl());
    collectAllocationTypes(Ctx, Info.AllocationTypes);
  }

private:
  SelectionOptions Opts;
};

/// The path of this shared object, to hand to clang as a pass plugin.
std::string thisLibraryPath() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&frontendInfo), &Info) && Info.dli_fname)
    return Info.dli_fname;
  return {};
}

class LineProfAction : public PluginASTAction {
protected:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    frontendInfo() = FrontendInfo(); // state outlives a TU when cc1 is in-process
    Opts = SelectionOptions();
    for (const std::string &Arg : Args) {
      std::string Error;
      if (!parsePluginArgument(Arg, Opts, Error)) {
        DiagnosticsEngine &D = CI.getDiagnostics();
        D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "lineprof: %0"))
            << Error;
        return false; // with the error reported, the compile fails
      }
    }
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    registerPassPlugin(CI);
    return std::make_unique<LineProfConsumer>(Opts);
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  SelectionOptions Opts;

  static void registerPassPlugin(CompilerInstance &CI) {
#if LLVM_VERSION_MAJOR < 15
    if (CI.getCodeGenOpts().LegacyPassManager) {
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(
          DiagnosticsEngine::Warning,
          "lineprof: -flegacy-pass-manager ignores pass plugins; nothing "
          "will be profiled (drop the flag)"));
    }
#endif
    std::string Self = thisLibraryPath();
    if (Self.empty())
      return;
    auto &Plugins = CI.getCodeGenOpts().PassPlugins;
    for (const std::string &P : Plugins)
      if (llvm::sys::fs::equivalent(P, Self))
        return; // also given as -fpass-plugin
    Plugins.push_back(Self);
  }
};

} // namespace
} // namespace lineprof

static FrontendPluginRegistry::Add<lineprof::LineProfAction>
    X("lineprof", "line-level profiling of selected functions");
