from django.urls import path

from corridor.rnd import views

app_name = "rnd"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("projects.xlsx", views.projects_xlsx, name="projects_xlsx"),
    path("new/", views.project_create, name="create"),
    path("directions.xlsx", views.directions_xlsx, name="directions_xlsx"),
    path("directions/new/", views.direction_create, name="direction_create"),
    path("directions/<int:pk>/edit/", views.direction_edit, name="direction_edit"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/delete/", views.project_delete, name="delete"),
    path("overlaps/<int:pk>/", views.overlap_detail, name="overlap"),
    path("overlaps/<int:pk>/mark/", views.overlap_mark, name="overlap_mark"),
    path("overlaps/<int:pk>/introduction/", views.overlap_consent, name="overlap_consent"),
    path("overlaps/<int:pk>/team/", views.overlap_propose, name="overlap_propose"),
    path("board/", views.board, name="board"),
    path("board.xlsx", views.board_xlsx, name="board_xlsx"),
    path("teams/", views.team_list, name="teams"),
    path("teams.xlsx", views.teams_xlsx, name="teams_xlsx"),
    path("teams/<int:pk>/", views.team_detail, name="team"),
    path("teams/<int:pk>/members/<int:member_pk>/<slug:answer>/", views.team_answer, name="team_answer"),
    path("teams/<int:pk>/milestones/", views.team_milestone, name="team_milestone"),
    path("teams/<int:pk>/milestones/<int:milestone_pk>/progress/", views.milestone_report, name="milestone_report"),
    path("teams/<int:pk>/packages/", views.team_package, name="team_package"),
    path("teams/<int:pk>/outputs/", views.team_output, name="team_output"),
    path("teams/<int:pk>/agreement/", views.team_agreement, name="team_agreement"),
    path("teams/<int:pk>/instruments/", views.team_instrument, name="team_instrument"),
]
