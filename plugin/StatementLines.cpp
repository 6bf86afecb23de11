//===- StatementLines.cpp - Which source lines start statements -----------===//
//
// Line events follow Python's rules (docs/semantics.md): a statement is one
// line, the line where it starts. For control statements only the header
// counts (`while (cond)`, `for (init; cond; inc)`, `if (cond)`,
// `switch (x)`, and the `while (cond)` that ends a `do`); their bodies are
// statements of their own. Braces, `else`, labels and declarations without
// initialiser are not statements here, so they never get events.
//
//===----------------------------------------------------------------------===//
#include "StatementLines.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace lineprof {
namespace {

class StatementLineCollector {
public:
  explicit StatementLineCollector(const SourceManager &SM) : SM(SM) {}

  void visit(const Stmt *S);
  /// Fills Out.StatementLine from the collected ranges.
  void finish(FunctionLines &Out) const;
  std::set<std::pair<unsigned, unsigned>> JumpStarts;

private:
  const SourceManager &SM;
  std::vector<std::pair<unsigned, unsigned>> Ranges; // [first, last] line

  unsigned lineOf(SourceLocation L) const {
    return SM.getPresumedLineNumber(SM.getExpansionLoc(L));
  }
  void addRange(SourceLocation Begin, SourceLocation End);
  void addJump(SourceLocation Begin);
  void visitChildren(const Stmt *S) {
    for (const Stmt *C : S->children())
      if (C)
        visit(C);
  }
};

void StatementLineCollector::addRange(SourceLocation Begin, SourceLocation End) {
  if (Begin.isInvalid())
    return;
  unsigned First = lineOf(Begin);
  unsigned Last = End.isValid() ? lineOf(End) : First;
  if (First == 0)
    return;
  Ranges.push_back({First, Last < First ? First : Last});
}

void StatementLineCollector::addJump(SourceLocation Begin) {
  SourceLocation L = SM.getExpansionLoc(Begin);
  JumpStarts.insert({SM.getPresumedLineNumber(L), SM.getPresumedColumnNumber(L)});
}

static bool hasInitialiser(const DeclStmt *DS) {
  for (const Decl *D : DS->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (VD->hasInit() && !VD->isStaticLocal())
        return true;
  return false;
}

void StatementLineCollector::visit(const Stmt *S) {
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    addRange(If->getIfLoc(), If->getRParenLoc());
    visit(If->getThen());
    if (If->getElse())
      visit(If->getElse());
  } else if (const auto *W = dyn_cast<WhileStmt>(S)) {
    addRange(W->getWhileLoc(), W->getRParenLoc());
    addJump(W->getWhileLoc());
    visit(W->getBody());
  } else if (const auto *F = dyn_cast<ForStmt>(S)) {
    addRange(F->getForLoc(), F->getRParenLoc());
    addJump(F->getForLoc());
    visit(F->getBody());
  } else if (const auto *D = dyn_cast<DoStmt>(S)) {
    addRange(D->getWhileLoc(), D->getRParenLoc());
    visit(D->getBody());
  } else if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
    addRange(Sw->getSwitchLoc(), Sw->getRParenLoc());
    visit(Sw->getBody());
  } else if (isa<CompoundStmt>(S) || isa<LabelStmt>(S) || isa<SwitchCase>(S) ||
             isa<AttributedStmt>(S)) {
    // Containers and labels: only what they hold is a statement. A case
    // label's constant is not code, so visit the sub-statement only.
    if (const auto *SC = dyn_cast<SwitchCase>(S))
      visit(SC->getSubStmt());
    else
      visitChildren(S);
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    if (hasInitialiser(DS))
      addRange(DS->getBeginLoc(), DS->getEndLoc());
  } else if (isa<BreakStmt>(S) || isa<ContinueStmt>(S) || isa<GotoStmt>(S) ||
             isa<IndirectGotoStmt>(S) || isa<ReturnStmt>(S)) {
    addRange(S->getBeginLoc(), S->getEndLoc());
    addJump(S->getBeginLoc());
  } else if (!isa<NullStmt>(S)) {
    addRange(S->getBeginLoc(), S->getEndLoc()); // expressions, asm, ...
  }
}

void StatementLineCollector::finish(FunctionLines &Out) const {
  // Lines that start a statement map to themselves; the other lines a
  // statement covers map to its first line, unless another statement starts
  // there.
  for (const auto &R : Ranges)
    Out.StatementLine[R.first] = R.first;
  for (const auto &R : Ranges)
    for (unsigned L = R.first + 1; L <= R.second; ++L)
      Out.StatementLine.emplace(L, R.first);
}

/// First line of the declaration: its attributes may come before the
/// declaration's own start (`LINEPROF_PROFILE` on the line above).
static unsigned firstLine(const FunctionDecl &FD, const SourceManager &SM) {
  SourceLocation Begin = SM.getExpansionLoc(FD.getBeginLoc());
  for (const Attr *A : FD.attrs()) {
    SourceLocation L = SM.getExpansionLoc(A->getLocation());
    if (L.isValid() && SM.isBeforeInTranslationUnit(L, Begin) &&
        SM.getFileID(L) == SM.getFileID(Begin))
      Begin = L;
  }
  return SM.getPresumedLineNumber(Begin);
}

} // namespace

FunctionLines computeStatementLines(const FunctionDecl &FD,
                                    const SourceManager &SM) {
  StatementLineCollector C(SM);
  C.visit(FD.getBody());
  FunctionLines Out;
  Out.FirstLine = firstLine(FD, SM);
  Out.LastLine = SM.getPresumedLineNumber(SM.getExpansionLoc(FD.getEndLoc()));
  C.finish(Out);
  Out.JumpStarts = C.JumpStarts;
  return Out;
}

} // namespace lineprof
