/* rt_probe_state.c - the runtime's variables that instrumented code reads
 * and writes directly (abi/rt_abi.h): what calls of profiled functions do
 * (timed, sampled or neither), whether objects are tracked, and each
 * thread's shadow stack. They live
 * at the bottom of the runtime so that every file may use them: rt_main.c
 * sets the setting at start-up, rt_sample.c switches it. */
#include "rt_abi.h"
#include "rt_base.h"

RT_EXPORT int __lineprof_detail;
RT_EXPORT int __lineprof_objects; /* LINEPROF_OBJECTS or LINEPROF_LEAKS */
RT_EXPORT _Thread_local struct lineprof_stack __lineprof_stack;
