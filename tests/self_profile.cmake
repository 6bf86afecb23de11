# self_profile.cmake - the CMAKE_PROJECT_INCLUDE of tests/self_profile.sh.
# At the end of the top directory it compiles the lineprof command (its own
# sources and the libraries it links) with the plugin of another build,
# LINEPROF_SELF_FROM, every function profiled, and links it with that
# build's runtime. This build's runtime stays plain: it is what the programs
# of the tests load, so the libraries it shares with the command (format,
# report) get a profiled copy of their own for the command.
set(lineprof_self_shared lineprof_format lineprof_report)
set(lineprof_self_command lineprof lineprof_export lineprof_mprof lineprof_timeit)

# A list of targets with the shared libraries replaced by their copies.
function(lineprof_profiled_names out)
  set(names ${ARGN})
  foreach(shared ${lineprof_self_shared})
    list(TRANSFORM names REPLACE "^${shared}$" "${shared}_profiled")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

function(lineprof_profile_command)
  foreach(shared ${lineprof_self_shared})
    get_target_property(dir ${shared} SOURCE_DIR)
    get_target_property(sources ${shared} SOURCES)
    list(TRANSFORM sources PREPEND "${dir}/")
    add_library(${shared}_profiled STATIC ${sources})
    target_include_directories(${shared}_profiled PUBLIC "${dir}")
    list(APPEND lineprof_self_command ${shared}_profiled)
  endforeach()
  target_link_libraries(lineprof_format_profiled PUBLIC lineprof_abi)
  target_link_libraries(lineprof_report_profiled PUBLIC lineprof_format_profiled)
  foreach(target ${lineprof_self_command})
    foreach(property LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(links ${target} ${property})
      if(links)
        lineprof_profiled_names(links ${links})
        set_target_properties(${target} PROPERTIES ${property} "${links}")
      endif()
    endforeach()
    target_compile_options(${target} PRIVATE
      "-fplugin=${LINEPROF_SELF_FROM}/lib/lineprof.so" -fplugin-arg-lineprof-all)
  endforeach()
  # Installed too (by some of the tests), it still finds that runtime.
  target_link_libraries(lineprof PRIVATE "${LINEPROF_SELF_FROM}/lib/liblineprof_rt.so")
  set_target_properties(lineprof PROPERTIES INSTALL_RPATH "${LINEPROF_SELF_FROM}/lib")
endfunction()
cmake_language(DEFER CALL lineprof_profile_command)
