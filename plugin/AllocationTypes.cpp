//===- AllocationTypes.cpp - The C type each allocation call allocates ----===//
//
// For each call, the first of these that names a type other than void and
// the char types (docs/allocation-types.md):
//  1. the pointer the result is converted to: an explicit cast, or the
//     implicit conversion of an initialisation, assignment, return or
//     argument (`void *` casts and `?:` arms are looked through); for
//     posix_memalign, the pointer its `void **` argument points to;
//  2. the first sizeof in the size arguments;
//  3. for realloc and reallocarray, the pointer being resized.
// An array type stands for its element type; an anonymous struct says
// nothing.
//
//===----------------------------------------------------------------------===//
#include "AllocationTypes.h"

#include "AllocationFunctions.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace lineprof {
namespace {

/// What a pointer of type T points to, or a null type.
QualType pointee(QualType T) {
  const auto *P = T.isNull() ? nullptr : T->getAs<PointerType>();
  return P ? P->getPointeeType() : QualType();
}

/// The pointer type E's value (an allocation call's) is converted to.
QualType conversionTarget(ASTContext &Ctx, const Expr *E) {
  for (;;) {
    DynTypedNodeList Parents = Ctx.getParents(*E);
    const Expr *P = Parents.size() == 1 ? Parents[0].get<Expr>() : nullptr;
    const auto *Cond = dyn_cast_or_null<ConditionalOperator>(P);
    if (!P || (Cond && Cond->getCond() == E))
      return {};
    if (isa<CastExpr>(P)) {
      QualType T = pointee(P->getType());
      if (T.isNull() || !T->isVoidType())
        return T;
    } else if (!isa<ParenExpr>(P) && !Cond) {
      return {};
    }
    E = P;
  }
}

/// The type of the first sizeof within S, or a null type.
QualType firstSizeofType(const Stmt *S) {
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
    if (U->getKind() == UETT_SizeOf)
      return U->getTypeOfArgument();
  for (const Stmt *Child : S->children())
    if (Child)
      if (QualType T = firstSizeofType(Child); !T.isNull())
        return T;
  return {};
}

class AllocatedType {
public:
  AllocatedType(ASTContext &Ctx, const CallExpr &Call,
                const AllocationFunction &F)
      : Ctx(Ctx), Call(Call), F(F) {}

  /// The object type the call allocates, or a null type if unknown.
  QualType get() const {
    if (!F.Typed)
      return {};
    if (QualType T = known(destination()); !T.isNull())
      return T;
    for (unsigned I = 0; I < Call.getNumArgs(); ++I)
      if (F.SizeArgs & (1u << I))
        if (QualType T = known(firstSizeofType(Call.getArg(I))); !T.isNull())
          return T;
    return known(pointee(argumentType(F.OldBlock)));
  }

private:
  ASTContext &Ctx;
  const CallExpr &Call;
  const AllocationFunction &F;

  /// T as an object type (arrays become their element type, qualifiers
  /// go), or a null type if T says nothing (void, char types) or has no
  /// name (an anonymous struct).
  QualType known(QualType T) const {
    if (T.isNull())
      return {};
    T = Ctx.getBaseElementType(T).getUnqualifiedType();
    const TagDecl *Tag = T->getAsTagDecl();
    bool Unnamed =
        Tag && !Tag->getIdentifier() && !Tag->getTypedefNameForAnonDecl();
    return T->isVoidType() || T->isCharType() || Unnamed ? QualType() : T;
  }

  /// The declared type of argument I, before conversions, or a null type.
  QualType argumentType(int I) const {
    if (I < 0 || unsigned(I) >= Call.getNumArgs())
      return {};
    return Call.getArg(I)->IgnoreParenCasts()->getType();
  }

  /// What the block is stored in points to.
  QualType destination() const {
    if (F.BlockOut < 0)
      return conversionTarget(Ctx, &Call);
    return pointee(pointee(argumentType(F.BlockOut)));
  }
};

class AllocationCallVisitor
    : public RecursiveASTVisitor<AllocationCallVisitor> {
public:
  AllocationCallVisitor(ASTContext &Ctx, AllocationTypeMap &Types)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Policy(Ctx.getPrintingPolicy()),
        Types(Types) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const AllocationFunction *F =
        Callee && Callee->getIdentifier()
            ? findAllocationFunction(Callee->getName())
            : nullptr;
    // Where CodeGen puts the call: its start, or its macro's expansion.
    PresumedLoc Loc = SM.getPresumedLoc(SM.getExpansionLoc(Call->getExprLoc()));
    if (!F || Loc.isInvalid())
      return true;
    QualType T = AllocatedType(Ctx, *Call, *F).get();
    Types.emplace(std::make_pair(Loc.getLine(), Loc.getColumn()),
                  T.isNull() ? std::string() : T.getAsString(Policy));
    return true;
  }

private:
  ASTContext &Ctx;
  const SourceManager &SM;
  PrintingPolicy Policy;
  AllocationTypeMap &Types;
};

} // namespace

void collectAllocationTypes(ASTContext &Ctx, AllocationTypeMap &Types) {
  AllocationCallVisitor(Ctx, Types).TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace lineprof
