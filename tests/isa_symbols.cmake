# The kernels compiled for different CPUs must not share a symbol with each other or with the rest
# of the program: the linker keeps one copy of an inline or template function (a weak symbol), and
# could keep the AVX-512 one for a baseline CPU. So every symbol that an object of a per-ISA kernel
# library defines globally (T, W, V, u, D, B, R, …) must carry that ISA's namespace in its name:
# neurostep_isa_<isa> (the kernels) or Eigen_isa_<isa> (the renamed Eigen), whether as its namespace
# or in a template argument or a name the compiler derived from one (e.g. a sanitizer's).
# Arguments: -DNM=nm -DISA=avx2 -DOBJECTS="a.o;b.o"
if(NOT OBJECTS)
  message(FATAL_ERROR "no object files given for ${ISA}")
endif()
set(bad "")
set(count 0)
foreach(object ${OBJECTS})
  execute_process(COMMAND ${NM} -C --defined-only --extern-only ${object}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "nm failed on ${object}: ${err}")
  endif()
  string(REPLACE "\n" ";" lines "${out}")
  foreach(line ${lines})
    if(line STREQUAL "")
      continue()
    endif()
    math(EXPR count "${count} + 1")
    # DW.ref.__gxx_personality_v0 is the one exception: a weak pointer to the C++ runtime's
    # exception personality routine, the same 8 bytes of data in every object file, no code.
    if(NOT line MATCHES "neurostep_isa_${ISA}|Eigen_isa_${ISA}| V DW\\.ref\\.__gxx_personality_v0$")
      string(APPEND bad "  ${line}\n")
    endif()
  endforeach()
endforeach()
if(bad)
  message(FATAL_ERROR "the ${ISA} kernels define symbols outside their own namespaces, which the linker may share with "
                      "code for another CPU:\n${bad}")
endif()
if(count EQUAL 0)
  message(FATAL_ERROR "the ${ISA} kernels define no global symbol at all: is this the right object file?")
endif()
message(STATUS "${ISA}: ${count} global symbols, all in neurostep_isa_${ISA}:: or Eigen_isa_${ISA}::")
