// A set-uid program ignores LINEPROF_* (runtime/rt/rt_env.c): an attacker
// must not make it write where they like. The program is made set-uid to
// nobody (so this needs root) and runs in a directory anyone may write to,
// since it writes its profile as nobody. The same build without the set-uid
// bit obeys the variables, so the test sees the difference.
// Not under tests/sanitize.sh: set-uid programs with a sanitizer runtime.
// UNSUPPORTED: sanitizer
// REQUIRES: setuid
// RUN: rm -rf %t && mkdir -p %t/run %t/elsewhere && chmod 1777 %t/run %t/elsewhere
// RUN: cd %t/run
// RUN: %clang %cflags -O1 %s %ldflags -o plain
// RUN: cp plain suid && chown nobody suid && chmod 4755 suid
// RUN: env LINEPROF_FILE=%t/elsewhere/plain.lprof LINEPROF_VERBOSE=1 LINEPROF_TIMER=off ./plain > plain.out 2> plain.err
// RUN: FileCheck --check-prefix=OBEYS %s < plain.out
// RUN: FileCheck --check-prefix=OBEYS-ERR %s < plain.err
// RUN: env LINEPROF_FILE=%t/elsewhere/suid.lprof LINEPROF_VERBOSE=1 LINEPROF_TIMER=off ./suid > suid.out 2> suid.err
// RUN: FileCheck --check-prefix=IGNORES %s < suid.out
// RUN: FileCheck --check-prefix=IGNORES-ERR %s < suid.err
// RUN: ls %t/elsewhere | FileCheck --check-prefix=ELSEWHERE %s
// RUN: stat -c '%%U' suid.lprof | FileCheck --check-prefix=OWNER %s
// RUN: %lineprof show suid.lprof | FileCheck --check-prefix=EXACT %s
// OBEYS: secure 0
// OBEYS: Timer: off (LINEPROF_TIMER=off): Hits only
// OBEYS-ERR: Wrote profile results to {{.*}}elsewhere/plain.lprof
// IGNORES: secure 1
// IGNORES-NOT: Timer
// IGNORES-ERR: Wrote profile results to suid.lprof
// ELSEWHERE-NOT: suid.lprof
// ELSEWHERE: plain.lprof
// ELSEWHERE-NOT: suid.lprof
// OWNER: nobody
// EXACT: Clock: cycle counter at
// EXACT: {{^ +}}[[@LINE+7]]{{ +}}1 {{.*}}printf("secure %lu\n", getauxval(AT_SECURE));
#include <stdio.h>
#include <sys/auxv.h>

#include "lineprof.h"

LINEPROF_PROFILE int main(void) {
    printf("secure %lu\n", getauxval(AT_SECURE));
    return 0;
}
