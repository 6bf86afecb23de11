# cmake -DDIR=<prefix>/lib/cmake/LineProf -P print-paths.cmake
include("${DIR}/LineProfPaths.cmake")
message("plugin ${LINEPROF_PLUGIN}")
message("runtime ${LINEPROF_RUNTIME}")
message("include ${LINEPROF_INCLUDE_DIR}")
message("lineprof ${LINEPROF_EXECUTABLE}")
