#!/bin/bash
# Analyse de sensibilité nationale sur une grappe Slurm avec eaflow-mpi (voir README, « Plusieurs
# machines (MPI) »). À adapter : nœuds, cœurs, durée, partition, scénario et issues. Lancement :
#   sbatch scenarios/slurm-eaflow.sh
# Chaque processus MPI lance sa part des réplications de chaque simulation, sur --threads
# cœurs ; le processus 0 écrit seul les fichiers, identiques octet pour octet à ceux d'un seul
# processus avec la même graine.
#SBATCH --job-name=eaflow-sensitivity
#SBATCH --nodes=8
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=32
#SBATCH --time=24:00:00
#SBATCH --output=eaflow-%j.log
set -euo pipefail
# eaflow-mpi construit une fois sur le nœud de connexion : make deps MPI=1 && make MPI=1
# Un scénario avec une section [uncertainty] (celui-ci par défaut : sbatch --export=SCENARIO=… pour
# un autre, par exemple un scénario national auquel vous avez ajouté la section).
SCENARIO=${SCENARIO:-scenarios/occitanie-2022-uncertainty.ini}
srun ./eaflow-mpi sensitivity "$SCENARIO" --outcome waiting@2026 --outcome file_active@2026 \
    --points 512 -n 1000 --threads "$SLURM_CPUS_PER_TASK" -q -o "out/sensitivity-$SLURM_JOB_ID"
# Sans srun (Open MPI seul) : mpirun -n "$SLURM_NTASKS" ./eaflow-mpi sensitivity "$SCENARIO" …
