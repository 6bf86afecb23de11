//===- AllocationTypes.h - The C type each allocation call allocates ------===//
//
// Reads, from the AST, what every call of an allocation function
// (AllocationFunctions.h) in a translation unit allocates; the rules are in
// docs/allocation-types.md.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_ALLOCATIONTYPES_H
#define LINEPROF_ALLOCATIONTYPES_H

#include "FrontendInfo.h"

namespace clang {
class ASTContext;
} // namespace clang

namespace lineprof {

/// Adds every allocation call of Ctx's translation unit to Types, keyed by
/// the (line, column) its code gets in the debug information, with the
/// type's name as written ("struct node", "node_t", "int"), or "" when the
/// call allocates a char buffer or the source does not say.
void collectAllocationTypes(clang::ASTContext &Ctx, AllocationTypeMap &Types);

} // namespace lineprof

#endif
