-- The schema that Rulebook before migrations created on PostgreSQL (Base.metadata.create_all, psycopg 3),
-- frozen for tests/test_migrations.py: a store of that version is built from it and upgraded.

CREATE TABLE jobs (
	id VARCHAR(32) NOT NULL, 
	project_id VARCHAR(32), 
	kind VARCHAR(32) NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	params JSON NOT NULL, 
	summary JSON NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_jobs_project_id ON jobs (project_id);

CREATE TABLE knowledge_projects (
	id VARCHAR(64) NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	task_type VARCHAR(64) NOT NULL, 
	language VARCHAR(16) NOT NULL, 
	payload JSON NOT NULL, 
	source VARCHAR(500) NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_knowledge_projects_task_type ON knowledge_projects (task_type);

CREATE TABLE label_sets (
	id SERIAL NOT NULL, 
	project_id VARCHAR(32), 
	name VARCHAR(300) NOT NULL, 
	annotator VARCHAR(200) NOT NULL, 
	payload JSON NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_label_sets_project_id ON label_sets (project_id);

CREATE TABLE projects (
	id VARCHAR(32) NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	request TEXT NOT NULL, 
	language VARCHAR(16) NOT NULL, 
	meta JSON NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE artifacts (
	id SERIAL NOT NULL, 
	project_id VARCHAR(32) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	version INTEGER NOT NULL, 
	payload JSON NOT NULL, 
	engine VARCHAR(200) NOT NULL, 
	note TEXT NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (project_id, kind, version), 
	FOREIGN KEY(project_id) REFERENCES projects (id)
);

CREATE INDEX ix_artifacts_project_id ON artifacts (project_id);
