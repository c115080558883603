#!/usr/bin/env bash
# ev.sh NAME : full regression (dev + every fixture set [+ EXTRA dirs]) in two processes -> /tmp/NAME.json; diff vs /tmp/base.json -> /tmp/NAME.diff
set -e
N=$1; cd "$(dirname "$0")/../.."
F=tests/fixtures
A="../shared/calls/labelled $F/probe_a $F/probe_b $F/probe_c $F/probe_d $F/probe_e $F/probe_f $F/probe_h $F/probe_m $F/probe_n $F/probe_o $F/probe_p $F/probe_q $F/probe_r $F/probe_s $F/probe_t $F/probe_u $F/probe_v $F/probe_w $F/probe_x $F/probe_y $F/probe_z $F/probe_aa $F/probe_ab"
B="$F/false_pass $F/false_pass_2 $F/false_pass_3 $F/false_pass_4 $F/false_pass_5 $F/false_pass_6 $F/false_pass_7 $F/false_pass_8 $F/false_pass_9 $F/false_pass_10 $F/false_pass_11 $F/false_pass_12 $F/false_pass_13 $F/false_pass_14 $F/false_pass_15 $EXTRA"
PYTHONPATH=$PWD EVAL_OUT=/tmp/$N.a.json .venv/bin/python scripts/eval_sets.py $A > /tmp/$N.a.txt 2>/tmp/$N.a.err &
PYTHONPATH=$PWD EVAL_OUT=/tmp/$N.b.json .venv/bin/python scripts/eval_sets.py $B > /tmp/$N.b.txt 2>/tmp/$N.b.err &
wait
cat /tmp/$N.a.txt; tail -n +2 /tmp/$N.b.txt
python3 scripts/dev/merge.py "$N"
