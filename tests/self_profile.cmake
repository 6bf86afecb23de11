# self_profile.cmake - the CMAKE_PROJECT_INCLUDE of tests/self_profile.sh.
# At the end of the top directory it compiles the lineprof command (its own
# sources and its copy of the shared format and report code) with the
# plugin of another build, LINEPROF_SELF_FROM, every function profiled, and
# links it with that build's runtime. This build's runtime stays plain: it
# is what the programs of the tests load.
function(lineprof_profile_command)
  get_target_property(shared_dir lineprof_shared SOURCE_DIR)
  get_target_property(shared_sources lineprof_shared SOURCES)
  list(TRANSFORM shared_sources PREPEND "${shared_dir}/")
  add_library(lineprof_shared_profiled OBJECT ${shared_sources})
  target_include_directories(lineprof_shared_profiled PRIVATE "${shared_dir}")

  get_target_property(sources lineprof SOURCES)
  list(TRANSFORM sources REPLACE "TARGET_OBJECTS:lineprof_shared>"
                                 "TARGET_OBJECTS:lineprof_shared_profiled>")
  set_target_properties(lineprof PROPERTIES SOURCES "${sources}")
  foreach(target lineprof lineprof_shared_profiled)
    target_compile_options(${target} PRIVATE
      "-fplugin=${LINEPROF_SELF_FROM}/lib/lineprof.so" -fplugin-arg-lineprof-all)
  endforeach()
  # Installed too (by some of the tests), it still finds that runtime.
  target_link_libraries(lineprof PRIVATE "${LINEPROF_SELF_FROM}/lib/liblineprof_rt.so")
  set_target_properties(lineprof PROPERTIES INSTALL_RPATH "${LINEPROF_SELF_FROM}/lib")
endfunction()
cmake_language(DEFER CALL lineprof_profile_command)
