/*
 * commands.c - the table of commands (commands.h): one row a command,
 * each defined in the file of its name in this folder.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

/* The commands, in the order --help lists them. */
#define COMMAND_TABLE         \
	COMMAND(tabulate)     \
	COMMAND(check)        \
	COMMAND(list)         \
	COMMAND(compare)      \
	COMMAND(rules)        \
	COMMAND(init)         \
	COMMAND(agree)        \
	COMMAND(denominators)

#define COMMAND(name) extern const struct command command_##name;
COMMAND_TABLE
#undef COMMAND
#define COMMAND(name) &command_##name,
static const struct command *const commands[] = { COMMAND_TABLE };
#undef COMMAND

#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct command *const *commands_all(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

const struct command *command_find(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!commands[i]->implicit &&
		    strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

const struct command *command_implicit(void)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i]->implicit)
			return commands[i];
	return commands[0];
}

const char *command_called(const struct command *c, char *buf, size_t size)
{
	const char *options = "[OPTIONS] ";

	if (c->implicit && strncmp(c->synopsis, options, strlen(options)) == 0)
		snprintf(buf, size, "'foitab %s'", c->synopsis + strlen(options));
	else if (c->implicit)
		snprintf(buf, size, "'foitab %s'", c->synopsis);
	else
		snprintf(buf, size, "'foitab %s'", c->name);
	return buf;
}

void commands_list(FILE *out)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "%s\tfoitab %s\n", commands[i]->name,
			commands[i]->synopsis);
}
