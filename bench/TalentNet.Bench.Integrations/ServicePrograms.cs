// The service's entry point is a global Program, reached through its reference alias.
extern alias candidates;

global using CandidatesProgram = candidates::Program;
