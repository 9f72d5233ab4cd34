"""Candidates -> decisions.

Takes candidate features and gives the probability that a candidate is a
task, from a logistic regression stored as JSON weights under
``models/task_classifier/`` (trained by ``evaluation/train_classifier.py``).
"""
