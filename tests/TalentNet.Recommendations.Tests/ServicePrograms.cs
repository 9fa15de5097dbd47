// Every service's entry point is a global Program; each is reached through its reference alias.
extern alias recommendations;
extern alias alumni;
extern alias candidates;

global using RecommendationsProgram = recommendations::Program;
global using AlumniProgram = alumni::Program;
global using CandidatesProgram = candidates::Program;
