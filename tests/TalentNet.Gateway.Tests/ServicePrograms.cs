// Every service's entry point is a global Program; each is reached through its reference alias.
extern alias gateway;
extern alias candidates;

global using CandidatesProgram = candidates::Program;
global using GatewayProgram = gateway::Program;
