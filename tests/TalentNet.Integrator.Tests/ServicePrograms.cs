// Every service's entry point is a global Program; each is reached through its reference alias.
extern alias candidates;
extern alias alumni;
extern alias recommendations;

global using CandidatesProgram = candidates::Program;
global using AlumniProgram = alumni::Program;
global using RecommendationsProgram = recommendations::Program;
