# The real window under Xvfb: render a few frames of the sigmoid lesson, write a screenshot, check it.
file(REMOVE ${OUT})
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" ${APP} --lesson sigmoid-neuron --screenshot ${OUT} --frames 5
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app failed under Xvfb (exit ${code}):\n${out}\n${err}")
endif()
execute_process(COMMAND ${CHECK} ${OUT} 1280 800 RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${err}")
endif()
message(STATUS "${out}")

# The same window at another text size, in the light theme and presentation mode: the fonts are
# built at 150 % × 1.5 and the light palette's screen still decodes and is not blank.
file(REMOVE ${OUT}.present.png)
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x800x24" ${APP} --lesson chain-rule --step 6 --scale 150 --theme light --present
          --screenshot ${OUT}.present.png --frames 5
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the app failed under Xvfb with --scale --theme --present (exit ${code}):\n${out}\n${err}")
endif()
execute_process(COMMAND ${CHECK} ${OUT}.present.png 1280 800 RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${err}")
endif()
message(STATUS "${out}")
