//===- StatementLines.h - Which source lines start statements -------------===//
//
// Walks a function's AST and records, for the IR pass, which lines start a
// statement, which lines continue one, and where jump statements start.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_STATEMENTLINES_H
#define LINEPROF_STATEMENTLINES_H

#include "FrontendInfo.h"

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace lineprof {

/// The line structure of FD's body (FD must have a body).
FunctionLines computeStatementLines(const clang::FunctionDecl &FD,
                                    const clang::SourceManager &SM);

} // namespace lineprof

#endif
